// dabiao standards compare: a matrix, topic (the field a rule reads) by standard, of what each
// standard demands — threshold, scope, deadline, severity — to see where the documents agree.
import Table from 'cli-table3';
import { checkKinds } from '../../engine/checks/index.js';
import { fieldUses } from '../../standards/kind-definition.js';
import { SEVERITY_WORDS } from '../../i18n/words.js';
import type { Lang, Rule, Standard } from '../../model.js';
import { describeRuleRequirement } from '../../i18n/describe-check.js';
import { html, markdownCell } from '../../report/escape.js';
import type { Io } from '../io.js';
import { choice, loadAll, parseLang } from '../setup.js';
import { COMPARE_TEXT } from '../../i18n/command-text.js';

interface Cell {
  rule: string;
  requirement: string;
  scope: Rule['scope'] | null;
  severity: Rule['severity'];
  deadline: string | null;
  aggregate: boolean;
}

export interface CompareRow {
  field: string;
  label: { zh: string; en: string };
  standards: Record<string, Cell[]>;
}

export function compareStandards(standards: readonly Standard[], lang: Lang, dictionary: Parameters<typeof describeRuleRequirement>[1]['dictionary']): CompareRow[] {
  const rows = new Map<string, CompareRow>();
  for (const standard of standards) {
    for (const rule of standard.rules) {
      const kind = checkKinds.get(rule.check.kind);
      const field = fieldUses(rule.check, checkKinds)[0]?.field ?? '—';
      const label = dictionary.fields.get(field)?.label ?? { zh: field, en: field };
      let row = rows.get(field);
      if (!row) rows.set(field, (row = { field, label, standards: {} }));
      (row.standards[standard.id] ??= []).push({
        rule: rule.id,
        requirement: describeRuleRequirement(rule, { dictionary, lang, kinds: checkKinds }),
        scope: rule.scope ?? null,
        severity: rule.severity,
        deadline: rule.deadline ?? rule.schedule?.at(-1)?.due ?? null,
        aggregate: kind?.aggregate ?? false,
      });
    }
  }
  // Topics more standards speak to come first: that is where agreement and difference show.
  return [...rows.values()].sort((a, b) => Object.keys(b.standards).length - Object.keys(a.standards).length || a.field.localeCompare(b.field));
}

function cellText(cells: Cell[] | undefined, lang: Lang): string {
  if (!cells) return '';
  return cells
    .map((c) => {
      const scope = Object.entries(c.scope ?? {}).map(([k, v]) => `${k}=${(v ?? []).join('|')}`).join(' ');
      return `${c.requirement}${scope ? ` [${scope}]` : ''} (${SEVERITY_WORDS[c.severity][lang]})`;
    })
    .join('\n');
}

export async function compare(ids: string[], options: { format: string; lang?: string }, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  choice('--format', options.format, ['table', 'markdown', 'html', 'json'] as const);
  const { dictionary, standards } = loadAll(ids);
  const rows = compareStandards(standards, lang, dictionary);
  const ids_ = standards.map((s) => s.id);
  if (options.format === 'json') {
    await io.stdout.write(`${JSON.stringify({ standards: ids_, topics: rows }, null, 2)}\n`);
    return 0;
  }
  const head = [COMPARE_TEXT.topic[lang], ...ids_];
  if (options.format === 'markdown') {
    const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
    for (const row of rows) lines.push(`| ${markdownCell(`${row.label[lang]} (${row.field})`)} | ${ids_.map((id) => markdownCell(cellText(row.standards[id], lang))).join(' | ')} |`);
    await io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  if (options.format === 'html') {
    const body = rows.map((row) => `<tr><th>${html(row.label[lang])}<br><small>${html(row.field)}</small></th>${ids_.map((id) => `<td>${html(cellText(row.standards[id], lang)).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`).join('\n');
    await io.stdout.write(`<!doctype html><html lang="${COMPARE_TEXT.htmlLang[lang]}"><head><meta charset="utf-8"><title>${COMPARE_TEXT.title[lang]}</title><style>table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}</style></head><body><table><thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></body></html>\n`);
    return 0;
  }
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true, wrapOnWordBoundary: false, colWidths: [24, ...ids_.map(() => Math.max(24, Math.floor(150 / Math.max(1, ids_.length))))] });
  for (const row of rows) table.push([`${row.label[lang]}\n${row.field}`, ...ids_.map((id) => cellText(row.standards[id], lang))]);
  await io.stdout.write(`${table.toString()}\n`);
  return 0;
}
