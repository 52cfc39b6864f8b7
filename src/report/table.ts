// Terminal report: what a record must fix is told after the verdicts it leads to. First the rules the
// survey cannot feed (once), the roll-up by region, each record's verdict per standard; then the
// failures of each record that is not compliant, guidance apart; aggregates; a summary per standard
// and one closing line.
import { isListed } from './listing.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Result, Verdict } from '../model.js';
import type { Summary } from '../engine/summary.js';
import { ruleTitle, SEVERITY_WORDS, STATUS_WORDS, VERDICT_ORDER, VERDICT_WORDS, WORDS } from '../i18n/words.js';
import { ACCEPTANCE_TEXT, REPORT_TEXT, TABLE_TEXT } from '../i18n/report-text.js';
import { AcceptanceCollector, type RecordSheet } from './acceptance.js';
import { coverageLine } from './coverage.js';
import { waiverText } from './waivers.js';
import type { ReportContext } from './context.js';
import { quoteText, ruleKey } from './context.js';
import { describeResult } from './describe.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';
import { percentText } from '../i18n/quantities.js';
import { clipText } from './clip.js';

const QUOTE_WIDTH = 36;

function paint(chalk: ChalkInstance, result: Result, text: string): string {
  if (result.status === 'pass') return chalk.green(text);
  if (result.status === 'not_applicable') return chalk.gray(text);
  if (!result.due || result.severity === 'guidance') return chalk.yellow(text);
  return result.status === 'fail' ? chalk.red(text) : chalk.magenta(text);
}

/** A clause quote cut to the column, by code points so a character such as 𠮷 is never split. */
function clip(text: string, width: number): string {
  if (text.length <= width) return text;
  const chars = Array.from(text);
  return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
}

/** Data on a heading line, cut and kept to that line: a line break in a name must not start a line
 * that looks like another record or the closing verdict. */
function headingText(text: string, context: ReportContext): string {
  return clipText(text, context.lang).replace(/\r\n|\r|\n/g, '␊');
}

function shown(result: Result, context: ReportContext): boolean {
  return isListed(result.status, context.all);
}

export const tableFormat: ReportFormat = {
  showsRecords: true,
  create(target, context) {
    const sink = new BufferedSink(target, 16 * 1024);
    const chalk = new Chalk({ level: context.color ? 1 : 0 });
    const lang = context.lang;
    const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
    const t = (key: keyof typeof ACCEPTANCE_TEXT): string => ACCEPTANCE_TEXT[key][lang] as string;
    const style = { head: context.color ? ['cyan'] : [], border: context.color ? ['gray'] : [] };
    const collector = new AcceptanceCollector(context.maxRecords);

    const resultTable = (results: Result[]): string => {
      const table = new Table({
        head: [w('standard'), w('rule'), w('status'), w('detail'), w('clause')],
        style,
        wordWrap: true,
        // Chinese text has no spaces: wrap anywhere rather than truncate.
        wrapOnWordBoundary: false,
        colWidths: [20, 30, 16, 48, 40],
      });
      for (const result of results) {
        const rule = context.rules.get(ruleKey(result.standard, result.rule));
        const quote = rule ? quoteText(rule.citation, '…') : '';
        let status = STATUS_WORDS[result.status][lang];
        if (result.status === 'fail' || result.status === 'unknown') {
          if (!result.due) status += ` (${w('notDue')})`;
          else if (result.severity === 'guidance') status += ` (${SEVERITY_WORDS.guidance[lang]})`;
        }
        const detail = result.waiver ? `${describeResult(result, context)}\n${waiverText(result.waiver, lang)}` : describeResult(result, context);
        table.push([
          result.standard,
          `${rule ? ruleTitle(rule, lang) : result.rule}\n${chalk.gray(result.rule)}`,
          paint(chalk, result, status),
          detail,
          rule ? `${rule.citation.section}\n“${clip(quote, QUOTE_WIDTH)}”` : '',
        ]);
      }
      return table.toString();
    };

    const heading = (sheet: RecordSheet): string => {
      const record = sheet.record;
      const id = record.record !== null ? headingText(record.record, context) : '—';
      const name = record.name ? ` ${headingText(record.name, context)}` : '';
      const region = record.region ? ` (${headingText(record.region, context)})` : '';
      const place = record.sheet !== null ? `${record.file} [${headingText(record.sheet, context)}] ${TABLE_TEXT.sheetRow[lang](record.line)}` : `${record.file}:${record.line}`;
      return `${chalk.bold(`● ${w('record')} ${id}${name}${region}`)}  ${chalk.gray(place)}`;
    };

    const verdictWord = (verdict: Verdict): string => {
      const word = VERDICT_WORDS[verdict][lang];
      return verdict === 'compliant' ? chalk.green(word) : verdict === 'non_compliant' ? chalk.red(word) : verdict === 'undetermined' ? chalk.magenta(word) : chalk.gray(word);
    };

    const rollUp = (summary: Summary): string => {
      const table = new Table({ head: [w('group'), w('standard'), t('records'), ...VERDICT_ORDER.map((v) => VERDICT_WORDS[v][lang])], style });
      // A region's name once, beside the rows of its standards.
      summary.regions.forEach((region, i) => {
        const cells: Table.Cell[] = [region.standard, region.records, ...VERDICT_ORDER.map((v) => region[v])];
        if (summary.regions[i - 1]?.region !== region.region || i === 0) {
          const name = region.region === null ? t('noRegion') : `${'  '.repeat(region.level - 1)}${headingText(region.region.split('/').at(-1) ?? region.region, context)}`;
          const span = summary.regions.slice(i).findIndex((other) => other.region !== region.region);
          cells.unshift({ content: name, rowSpan: span === -1 ? summary.regions.length - i : span });
        }
        table.push(cells);
      });
      return table.toString();
    };

    const verdictTable = (): string => {
      const standards = context.verdictStandards;
      const table = new Table({ head: [w('record'), t('name'), w('group'), ...standards], style });
      for (const { record } of collector.sheets) {
        table.push([
          record.record !== null ? headingText(record.record, context) : '—',
          record.name ? headingText(record.name, context) : '',
          record.region ? headingText(record.region, context) : '',
          ...standards.map((id) => verdictWord(record.verdicts[id] ?? 'not_applicable')),
        ]);
      }
      return table.toString();
    };

    return {
      async write(batch) {
        collector.add(batch);
      },
      async end(summary, coverage) {
        const uncovered = coverageLine(coverage, context);
        if (uncovered) await sink.write(`${chalk.yellow(uncovered)}\n\n`);
        await sink.write(`${chalk.bold(`● ${t('rollUp')}`)}\n${rollUp(summary)}\n\n`);
        if (collector.sheets.length > 0) await sink.write(`${chalk.bold(`● ${t('recordVerdicts')}`)}\n${verdictTable()}\n`);
        if (collector.hidden > 0) await sink.write(chalk.yellow(`${ACCEPTANCE_TEXT.moreRecords[lang](collector.hidden)}\n`));
        await sink.write('\n');
        const toFix = collector.sheets.filter((sheet) => sheet.blocking.length > 0 || sheet.waived.length > 0 || (context.all && sheet.others.length > 0));
        if (toFix.length > 0) {
          await sink.write(`${chalk.bold(t('toFix'))}\n\n`);
          for (const sheet of toFix) await sink.write(`${heading(sheet)}\n${resultTable([...sheet.blocking, ...sheet.waived, ...(context.all ? sheet.others : [])])}\n\n`);
        }
        const guidance = collector.sheets.filter((sheet) => sheet.guidance.length > 0);
        if (guidance.length > 0) {
          await sink.write(`${chalk.bold(t('guidanceApart'))}\n\n`);
          for (const sheet of guidance) await sink.write(`${heading(sheet)}\n${resultTable(sheet.guidance)}\n\n`);
        }
        const aggregates = collector.aggregates.filter((result) => shown(result, context));
        if (aggregates.length > 0) {
          await sink.write(`${chalk.bold(`● ${w('aggregates')}`)}\n`);
          const byGroup = new Map<string, Result[]>();
          for (const result of aggregates) {
            const group = result.group !== null ? headingText(result.group, context) : w('allRecords');
            byGroup.set(group, [...(byGroup.get(group) ?? []), result]);
          }
          for (const [group, groupResults] of byGroup) await sink.write(`${w('group')}: ${group}\n${resultTable(groupResults)}\n\n`);
        }
        await sink.write(`${summaryTable(summary, context)}\n${closingLine(summary, context, chalk)}\n`);
        await sink.flush();
      },
    };
  },
};

function summaryTable(summary: Summary, context: ReportContext): string {
  const lang = context.lang;
  const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
  const table = new Table({
    head: [w('standard'), w('rules'), STATUS_WORDS.pass[lang], STATUS_WORDS.fail[lang], STATUS_WORDS.unknown[lang], STATUS_WORDS.not_applicable[lang], w('passRate'), w('compliant')],
    style: { head: context.color ? ['cyan'] : [], border: context.color ? ['gray'] : [] },
  });
  for (const standard of summary.standards) {
    const judged = standard.records.compliant + standard.records.non_compliant + standard.records.undetermined;
    table.push([
      standard.standard,
      standard.rules,
      standard.counts.pass,
      standard.counts.fail,
      standard.counts.unknown,
      standard.counts.not_applicable,
      percentText(standard.pass_rate),
      `${standard.records.compliant}/${judged}`,
    ]);
  }
  return table.toString();
}

export function closingLine(summary: Summary, context: ReportContext, chalk: ChalkInstance): string {
  const lang = context.lang;
  const blocking = summary.blocking.fail + summary.blocking.unknown;
  const verdict = blocking === 0 ? chalk.green(REPORT_TEXT.verdictPass[lang]) : chalk.red(REPORT_TEXT.verdictFail[lang](summary.blocking.fail, summary.blocking.unknown));
  return REPORT_TEXT.closingLine[lang](summary, verdict);
}
