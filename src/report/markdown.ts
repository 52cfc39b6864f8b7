// Markdown report: a summary table per standard and the failures, for a document or a PR comment.
import { isProblem } from './listing.js';
import type { Result } from '../model.js';
import type { Summary } from '../engine/summary.js';
import { INTERPRETED_MARK, STATUS_WORDS, WORDS } from '../i18n/words.js';
import { MARKDOWN_TEXT, REPORT_TEXT } from '../i18n/report-text.js';
import type { ReportContext } from './context.js';
import { quoteText, ruleKey } from './context.js';
import { describeResult } from './describe.js';
import { markdownCell } from './escape.js';
import type { ReportFormat } from './format.js';
import { cellName } from './json.js';
import { BufferedSink } from './sink.js';
import { percentText } from '../i18n/quantities.js';
import { closingLine } from './table.js';
import { Chalk } from 'chalk';
import { clipText } from './clip.js';

/** Problems listed before the report points to the machine formats: a document stays readable. */
export const MARKDOWN_MAX_ROWS = 1000;

function summaryMarkdown(summary: Summary, context: ReportContext): string {
  const lang = context.lang;
  const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
  const head = [w('standard'), w('rules'), STATUS_WORDS.pass[lang], STATUS_WORDS.fail[lang], STATUS_WORDS.unknown[lang], STATUS_WORDS.not_applicable[lang], w('passRate'), w('compliant')];
  const rows = summary.standards.map((s) => {
    const judged = s.records.compliant + s.records.non_compliant + s.records.unknown;
    const title = context.standards.find((standard) => standard.id === s.standard)?.title[lang] ?? s.standard;
    return [`${markdownCell(title)} (\`${s.standard}\`)`, s.rules, s.counts.pass, s.counts.fail, s.counts.unknown, s.counts.not_applicable, percentText(s.pass_rate), `${s.records.compliant}/${judged}`];
  });
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const markdownFormat: ReportFormat = {
  create(target, context) {
    const sink = new BufferedSink(target);
    const lang = context.lang;
    const rows: string[] = [];
    let hidden = 0;
    const row = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const who = result.record ?? result.group;
      const where = who !== null ? clipText(who, lang) : WORDS.allRecords[lang];
      const name = result.name ? ` ${clipText(result.name, lang)}` : '';
      const place = result.file ? `${result.file}${result.sheet !== null ? ` ${cellName(result) ?? ''}` : result.line !== null ? `:${result.line}` : ''}` : '';
      const status = `${STATUS_WORDS[result.status][lang]}${result.severity === 'guidance' ? REPORT_TEXT.guidanceMark[lang] : ''}${rule?.interpreted ? INTERPRETED_MARK[lang] : ''}${!result.due ? REPORT_TEXT.notDueMark[lang] : ''}`;
      const clause = rule ? `${rule.citation.section}：“${quoteText(rule.citation, '…')}”` : '';
      return `| ${markdownCell(`${where}${name}`)} | ${markdownCell(place)} | \`${result.standard}/${result.rule}\` | ${markdownCell(status)} | ${markdownCell(describeResult(result, context))} | ${markdownCell(clause)} |`;
    };
    return {
      async write(batch) {
        for (const result of batch.results) {
          if (!isProblem(result.status)) continue;
          if (rows.length >= MARKDOWN_MAX_ROWS) hidden++;
          else rows.push(row(result));
        }
      },
      async end(summary) {
        const meta = MARKDOWN_TEXT.asOf[lang](summary.as_of, summary.records);
        await sink.write(`# ${REPORT_TEXT.title[lang]}\n\n${meta}\n\n${closingLine(summary, context, new Chalk({ level: 0 }))}\n\n## ${WORDS.summary[lang]}\n\n${summaryMarkdown(summary, context)}\n\n`);
        await sink.write(`## ${MARKDOWN_TEXT.failures[lang]}\n\n`);
        if (rows.length === 0) await sink.write(`${MARKDOWN_TEXT.none[lang]}\n`);
        else {
          const head = [WORDS.record[lang], MARKDOWN_TEXT.where[lang], WORDS.rule[lang], WORDS.status[lang], WORDS.detail[lang], WORDS.clause[lang]];
          await sink.write(`| ${head.join(' | ')} |\n|${head.map(() => ' --- ').join('|')}|\n${rows.join('\n')}\n`);
        }
        if (hidden > 0) await sink.write(`\n${MARKDOWN_TEXT.moreNotListed[lang](hidden)}\n`);
        await sink.flush();
      },
    };
  },
};
