// Terminal report: problems grouped by record, aggregates, a summary per standard and one closing line.
import { isListed } from './listing.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Result } from '../model.js';
import type { Summary } from '../engine/summary.js';
import { ruleTitle, SEVERITY_WORDS, STATUS_WORDS, WORDS } from '../i18n/words.js';
import { REPORT_TEXT, TABLE_TEXT } from '../i18n/report-text.js';
import type { ReportContext } from './context.js';
import { quoteText, ruleKey } from './context.js';
import { describeResult } from './describe.js';
import { byRecord, type ReportFormat } from './format.js';
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
  create(target, context) {
    const sink = new BufferedSink(target, 16 * 1024);
    const chalk = new Chalk({ level: context.color ? 1 : 0 });
    const w = (key: keyof typeof WORDS): string => WORDS[key][context.lang];
    let recordsShown = 0;
    let recordsHidden = 0;

    const resultTable = (results: Result[]): string => {
      const table = new Table({
        head: [w('standard'), w('rule'), w('status'), w('detail'), w('clause')],
        style: { head: context.color ? ['cyan'] : [], border: context.color ? ['gray'] : [] },
        wordWrap: true,
        // Chinese text has no spaces: wrap anywhere rather than truncate.
        wrapOnWordBoundary: false,
        colWidths: [20, 30, 16, 48, 40],
      });
      for (const result of results) {
        const rule = context.rules.get(ruleKey(result.standard, result.rule));
        const quote = rule ? quoteText(rule.citation, '…') : '';
        let status = STATUS_WORDS[result.status][context.lang];
        if (result.status === 'fail' || result.status === 'unknown') {
          if (!result.due) status += ` (${w('notDue')})`;
          else if (result.severity === 'guidance') status += ` (${SEVERITY_WORDS.guidance[context.lang]})`;
        }
        table.push([
          result.standard,
          `${rule ? ruleTitle(rule, context.lang) : result.rule}\n${chalk.gray(result.rule)}`,
          paint(chalk, result, status),
          describeResult(result, context),
          rule ? `${rule.citation.section}\n“${clip(quote, QUOTE_WIDTH)}”` : '',
        ]);
      }
      return table.toString();
    };

    return {
      async write(batch) {
        if (!batch.aggregate) {
          for (const record of byRecord(batch.results)) {
            const results = record.filter((result) => shown(result, context));
            if (results.length === 0) continue;
            if (context.maxRecords > 0 && recordsShown >= context.maxRecords) {
              recordsHidden++;
              continue;
            }
            recordsShown++;
            const first = results[0] as Result;
            const id = first.record !== null ? headingText(first.record, context) : '—';
            const name = first.name ? ` ${headingText(first.name, context)}` : '';
            const place = first.sheet !== null ? `${first.file} [${headingText(first.sheet, context)}] ${TABLE_TEXT.sheetRow[context.lang](first.line)}` : `${first.file}:${first.line}`;
            await sink.write(`${chalk.bold(`● ${w('record')} ${id}${name}`)}  ${chalk.gray(place)}\n${resultTable(results)}\n\n`);
          }
        } else {
          const results = batch.results.filter((result) => shown(result, context));
          if (results.length === 0) return;
          await sink.write(`${chalk.bold(`● ${w('aggregates')}`)}\n`);
          const byGroup = new Map<string, Result[]>();
          for (const result of results) {
            const group = result.group !== null ? headingText(result.group, context) : w('allRecords');
            byGroup.set(group, [...(byGroup.get(group) ?? []), result]);
          }
          for (const [group, groupResults] of byGroup) await sink.write(`${w('group')}: ${group}\n${resultTable(groupResults)}\n\n`);
        }
      },
      async end(summary) {
        if (recordsHidden > 0) {
          // The line breaks stay inside the colour, as chalk closes and reopens it around them.
          await sink.write(chalk.yellow(`${TABLE_TEXT.moreRecordsNotListed[context.lang](recordsHidden)}\n\n`));
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
    const judged = standard.records.compliant + standard.records.non_compliant + standard.records.unknown;
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
