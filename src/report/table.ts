// Terminal report, read by a person: verdicts first, then one line per problem under its record, every
// line wrapped to the terminal's width. In order: the rules the survey cannot feed (once), the roll-up
// by region, then each record (as far as --max-records) with its verdicts and what it must fix, the
// guidance and targets not yet due counted on one line (listed with --verbose, which also puts the
// clause under each problem), the aggregate targets, and one closing line. --quiet keeps the verdicts
// and the closing line only.
import { Chalk, type ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { Summary } from '../engine/summary.js';
import { ACCEPTANCE_TEXT, REPORT_TEXT, TABLE_TEXT } from '../i18n/report-text.js';
import { percentText } from '../i18n/quantities.js';
import { PUNCTUATION, VERDICT_ORDER, VERDICT_WORDS, WORDS } from '../i18n/words.js';
import type { Result, Verdict } from '../model.js';
import { AcceptanceCollector, type RecordSheet } from './acceptance.js';
import { clipText } from './clip.js';
import { quoteText, ruleKey, type ReportContext } from './context.js';
import { coverageLine } from './coverage.js';
import { describeResult } from './describe.js';
import type { ReportFormat } from './format.js';
import { isListed } from './listing.js';
import { BufferedSink } from './sink.js';
import { waiverText } from './waivers.js';

/** Data on a heading line, cut and kept to that line: a line break in a name must not start a line
 * that looks like another record or the closing verdict. */
function headingText(text: string, context: ReportContext): string {
  return clipText(text, context.lang).replace(/\r\n|\r|\n/g, '␊');
}

/** The mark and colour of a listed result. */
function mark(chalk: ChalkInstance, result: Result): string {
  if (result.status === 'waived') return chalk.cyan('○');
  if (result.status === 'pass') return chalk.green('✓');
  if (result.status === 'not_applicable') return chalk.gray('－');
  if (!result.due || result.severity === 'guidance') return chalk.yellow('⚠');
  return result.status === 'fail' ? chalk.red('✗') : chalk.magenta('?');
}

/** Text in its verdict's colour. */
function paintVerdict(chalk: ChalkInstance, verdict: Verdict, text: string): string {
  return verdict === 'compliant' ? chalk.green(text) : verdict === 'non_compliant' ? chalk.red(text) : verdict === 'undetermined' ? chalk.magenta(text) : chalk.gray(text);
}

function verdictWord(chalk: ChalkInstance, verdict: Verdict, lang: ReportContext['lang']): string {
  return paintVerdict(chalk, verdict, VERDICT_WORDS[verdict][lang]);
}

export const tableFormat: ReportFormat = {
  showsRecords: true,
  create(target, context) {
    const sink = new BufferedSink(target, 16 * 1024);
    const chalk = new Chalk({ level: context.color ? 1 : 0 });
    const lang = context.lang;
    const zh = lang === 'zh';
    const colon = PUNCTUATION.colon[lang];
    const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
    const t = (key: keyof typeof ACCEPTANCE_TEXT): string => ACCEPTANCE_TEXT[key][lang] as string;
    const collector = new AcceptanceCollector(context.maxRecords);
    const width = Math.max(40, context.width);
    /** A paragraph wrapped to the width: its first line indented by `indent`, the others by `hang`. */
    const wrap = (text: string, indent = 0, hang = indent + 2): string =>
      // Chinese has no spaces to break at: its lines are filled character by character.
      wrapAnsi(text, Math.max(20, width - Math.max(indent, hang)), { hard: true, trim: true, wordWrap: !zh })
        .split('\n')
        .map((line, i) => ' '.repeat(i === 0 ? indent : hang) + line)
        .join('\n');
    /** Words separated by `separator`, wrapped at the separators where the width calls for it. */
    const flow = (parts: readonly string[], indent: number, separator = '   '): string => {
      const lines: string[] = [];
      let line = '';
      for (const part of parts) {
        const next = line === '' ? part : `${line}${separator}${part}`;
        // Terminal columns (CJK characters two), colour codes not counted.
        if (line !== '' && stringWidth(next) + indent > width) {
          lines.push(line);
          line = part;
        } else line = next;
      }
      if (line !== '') lines.push(line);
      return lines.map((text) => wrap(text, indent)).join('\n');
    };

    const problemLine = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const who = result.record === null && result.group !== null ? `${headingText(result.group, context)}${colon}` : '';
      const waived = result.waiver ? `  ${chalk.cyan(waiverText(result.waiver, lang))}` : '';
      // Under a record the standard heads its problems: the rule's id is enough there.
      const key = result.record === null ? `${result.standard}/${result.rule}` : result.rule;
      const lines = [wrap(`${mark(chalk, result)} ${who}${describeResult(result, context)}  ${chalk.gray(key)}${waived}`, 4, 6)];
      if (context.verbose && rule) {
        const document = rule.citation.document ? `${rule.citation.document} > ` : '';
        lines.push(chalk.gray(wrap(`${document}${rule.citation.section}${colon}“${quoteText(rule.citation, '…')}”`, 6, 6)));
      }
      return lines.join('\n');
    };

    const recordBlock = (sheet: RecordSheet): string => {
      const record = sheet.record;
      const id = record.record !== null ? headingText(record.record, context) : '—';
      const name = record.name ? ` ${headingText(record.name, context)}` : '';
      const region = record.region ? ` · ${headingText(record.region, context)}` : '';
      const place = record.sheet !== null ? `${record.file} [${headingText(record.sheet, context)}] ${TABLE_TEXT.sheetRow[lang](record.line)}` : `${record.file}:${record.line}`;
      const lines = [wrap(`${chalk.bold(`${id}${name}`)}${region}  ${chalk.gray(place)}`, 0, 2)];
      const shown = context.quiet ? [] : [...sheet.blocking, ...sheet.waived, ...(context.all ? sheet.others.filter((result) => isListed(result.status, true)) : []), ...(context.verbose ? sheet.guidance : [])];
      // Standards whose verdict has problems behind it head their problems; the others share one line.
      const quietly: string[] = [];
      for (const verdict of VERDICT_ORDER) {
        const ids = context.verdictStandards.filter((standard) => record.verdicts[standard] === verdict);
        const alone: string[] = [];
        for (const standard of ids) {
          const problems = shown.filter((result) => result.standard === standard);
          if (problems.length === 0) {
            alone.push(standard);
            continue;
          }
          lines.push(wrap(`${verdictWord(chalk, verdict, lang)} ${chalk.bold(standard)}`, 2, 4));
          for (const result of problems) lines.push(problemLine(result));
        }
        if (alone.length > 0 && verdict !== 'not_applicable') quietly.push(`${verdictWord(chalk, verdict, lang)}${colon}${alone.join(PUNCTUATION.listSeparator[lang])}`);
      }
      if (quietly.length > 0) lines.push(flow(quietly, 2));
      if (!context.quiet && !context.verbose && sheet.guidance.length > 0) lines.push(chalk.yellow(wrap(TABLE_TEXT.guidanceCollapsed[lang](sheet.guidance.length), 2, 4)));
      return lines.join('\n');
    };

    const rollUp = (summary: Summary): string => {
      const lines = [chalk.bold(`● ${t('rollUp')}`) + chalk.gray(TABLE_TEXT.rollUpKey[lang])];
      const regions = new Map<string | null, Summary['regions']>();
      for (const entry of summary.regions) regions.set(entry.region, [...(regions.get(entry.region) ?? []), entry]);
      for (const [region, entries] of regions) {
        const name = region === null ? t('noRegion') : headingText(region, context);
        const level = entries[0]?.level ?? 1;
        lines.push(wrap(`${chalk.bold(name)}${chalk.gray(TABLE_TEXT.regionRecords[lang](entries[0]?.records ?? 0))}`, 2 * level, 2 * level + 2));
        const parts = entries.map((entry) => `${entry.standard} ${VERDICT_ORDER.map((verdict) => colourCount(chalk, verdict, entry[verdict])).join('/')}`);
        lines.push(flow(parts, 2 * level + 2));
      }
      return lines.join('\n');
    };

    return {
      async write(batch) {
        collector.add(batch);
      },
      async end(summary, coverage) {
        const uncovered = coverageLine(coverage, context);
        if (uncovered) await sink.write(`${chalk.yellow(wrap(uncovered, 0, 2))}\n\n`);
        await sink.write(`${rollUp(summary)}\n\n`);
        if (collector.sheets.length > 0) {
          const heading = context.quiet ? t('recordVerdicts') : TABLE_TEXT.recordsToFix[lang];
          await sink.write(`${chalk.bold(`● ${heading}`)}\n`);
          for (const sheet of collector.sheets) await sink.write(`${recordBlock(sheet)}\n\n`);
        }
        if (collector.hidden > 0) await sink.write(`${chalk.yellow(wrap(ACCEPTANCE_TEXT.moreRecords[lang](collector.hidden)))}\n\n`);
        const aggregates = collector.aggregates.filter((result) => isListed(result.status, context.all));
        if (!context.quiet && aggregates.length > 0) {
          await sink.write(`${chalk.bold(`● ${w('aggregates')}`)}\n${aggregates.map(problemLine).join('\n')}\n\n`);
        }
        if (context.verbose && !context.quiet) await sink.write(`${summaryLines(summary, context, chalk, wrap)}\n\n`);
        await sink.write(`${wrap(closingLine(summary, context, chalk))}\n`);
        await sink.flush();
      },
    };
  },
};

function colourCount(chalk: ChalkInstance, verdict: Verdict, count: number): string {
  if (count === 0) return chalk.gray('0');
  return verdict === 'not_applicable' ? String(count) : paintVerdict(chalk, verdict, String(count));
}

/** Per standard: rules, results by status, pass rate and compliant records (--verbose). */
function summaryLines(summary: Summary, context: ReportContext, chalk: ChalkInstance, wrap: (text: string, indent?: number, hang?: number) => string): string {
  const lang = context.lang;
  const lines = [chalk.bold(`● ${WORDS.summary[lang]}`)];
  for (const standard of summary.standards) {
    const judged = standard.records.compliant + standard.records.non_compliant + standard.records.undetermined;
    lines.push(wrap(TABLE_TEXT.standardSummary[lang](standard, percentText(standard.pass_rate), judged), 2, 4));
  }
  return lines.join('\n');
}

export function closingLine(summary: Summary, context: ReportContext, chalk: ChalkInstance): string {
  const lang = context.lang;
  const blocking = summary.blocking.fail + summary.blocking.unknown;
  const verdict = blocking === 0 ? chalk.green(REPORT_TEXT.verdictPass[lang]) : chalk.red(REPORT_TEXT.verdictFail[lang](summary.blocking.fail, summary.blocking.unknown));
  return REPORT_TEXT.closingLine[lang](summary, verdict);
}
