// dabiao standards list | show ID: what each bundled standard demands, and the clause it cites.
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Lang, Standard } from '../../model.js';
import { ruleTitle, SEVERITY_WORDS, WORDS } from '../../i18n/words.js';
import { describeRuleRequirement, type DescribeContext } from '../../i18n/describe-check.js';
import { quoteText } from '../../report/context.js';
import { checkKinds } from '../../engine/checks/index.js';
import type { Io } from '../io.js';
import { useColor } from '../io.js';
import { choice, loadAll, parseLang } from '../setup.js';
import { STANDARDS_COLUMNS, STANDARDS_TEXT as T } from '../../i18n/command-text.js';

interface ListOptions {
  lang?: string;
  format: string;
}

function checkFormat(format: string): 'table' | 'json' {
  return choice('--format', format, ['table', 'json'] as const);
}

export async function listStandards(options: ListOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const format = checkFormat(options.format);
  const { standards } = loadAll([]);
  if (format === 'json') {
    const data = standards.map((s) => ({ id: s.id, title: s.title, document: s.source.document, year: s.source.year ?? null, rules: s.rules.length }));
    await io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const table = new Table({ head: [...STANDARDS_COLUMNS[lang]], style: { head: [], border: [] } });
  for (const s of standards) table.push([s.id, s.title[lang], s.source.document, s.rules.length]);
  await io.stdout.write(`${table.toString()}\n`);
  return 0;
}

export async function showStandard(id: string, options: ListOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const format = checkFormat(options.format);
  const { dictionary, standards } = loadAll([id]);
  const standard = standards[0] as Standard;
  const ctx = { dictionary, lang, kinds: checkKinds };
  if (format === 'json') {
    const rules = standard.rules.map((rule) => ({ ...rule, requirement: describeRuleRequirement(rule, ctx), position: undefined }));
    await io.stdout.write(`${JSON.stringify({ ...standard, rules }, null, 2)}\n`);
    return 0;
  }
  const chalk = new Chalk({ level: useColor(io.stdout, io.env) ? 1 : 0 });
  await io.stdout.write(`${chalk.bold(`${standard.id}  ${standard.title[lang]}`)}\n${standard.source.document}${standard.source.year ? ` (${standard.source.year})` : ''}\n`);
  if (standard.source.notes) await io.stdout.write(`${chalk.gray(standard.source.notes[lang])}\n`);
  await io.stdout.write('\n');
  if (standard.extends) await io.stdout.write(`${T.extends[lang](standard.extends)}\n\n`);
  for (const rule of standard.rules) await io.stdout.write(`${renderRule(standard, rule, lang, ctx, chalk)}\n`);
  // Inherited rules this standard drops: each with why and the clause that says so.
  for (const dropped of standard.disabled ?? []) {
    const lines = [
      `${chalk.bold(`${standard.extends ?? ''}/${dropped.rule}`)}  ${dropped.title[lang]}  [${T.disabled[lang]}]`,
      ...(dropped.reason ? [`  ${T.reason[lang]}: ${dropped.reason[lang]}`] : []),
      `  ${T.clause[lang]}: ${dropped.citation.section}`,
      `  “${quoteText(dropped.citation)}”`,
    ];
    await io.stdout.write(`${lines.join('\n')}\n\n`);
  }
  return 0;
}

/** 级别=村|乡镇 类型=农村: scope fields and values as the survey form names them. */
function scopeText(rule: Standard['rules'][number], ctx: DescribeContext): string {
  return Object.entries(rule.scope ?? {})
    .map(([field, values]) => {
      const def = ctx.dictionary.fields.get(field);
      const word = (code: string): string =>
        def?.type === 'boolean' ? WORDS[code === 'true' ? 'yes' : 'no'][ctx.lang] : (def?.values?.[code]?.[ctx.lang] ?? code);
      return `${def?.label[ctx.lang] ?? field}=${values.map(word).join('|')}`;
    })
    .join(' ');
}

function renderRule(standard: Standard, rule: Standard['rules'][number], lang: Lang, ctx: DescribeContext, chalk: InstanceType<typeof Chalk>): string {
  const scope = scopeText(rule, ctx);
  const quote = quoteText(rule.citation);
  const lines = [
    `${chalk.bold(`${standard.id}/${rule.id}`)}  ${ruleTitle(rule, lang)}  [${SEVERITY_WORDS[rule.severity][lang]}]`,
    `  ${T.requires[lang]}: ${describeRuleRequirement(rule, ctx)}`,
    `  ${T.scope[lang]}: ${scope || T.allRecords[lang]}`,
    `  ${T.clause[lang]}: ${rule.citation.document ? `${rule.citation.document} > ` : ''}${rule.citation.section}`,
    `  “${quote}”`,
  ];
  if (rule.inherited) {
    const changed = rule.citation !== rule.inherited.citation && rule.citation.document === undefined;
    lines.push(`  ${T.inheritedFrom[lang]}: ${rule.inherited.standard}${changed ? T.changedHere[lang](rule.inherited.citation.section) : ''}`);
  }
  if (rule.year) lines.push(`  ${T.dataOf[lang]}: ${rule.year.from === rule.year.to ? rule.year.from : `${rule.year.from}–${rule.year.to}`}`);
  if (rule.interpretation) lines.push(`  ${chalk.yellow(T.interpretation[lang])}: ${rule.interpretation[lang]}`);
  return `${lines.join('\n')}\n`;
}
