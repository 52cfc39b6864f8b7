// Markdown report, for a document or a PR comment: the verdicts first (rules the survey cannot feed,
// the roll-up by region, each record's verdict), then what each record must fix, guidance apart, and
// the summary per standard.
import { isProblem } from './listing.js';
import type { Result } from '../model.js';
import type { Summary } from '../engine/summary.js';
import { INTERPRETED_MARK, PUNCTUATION, STATUS_WORDS, VERDICT_ORDER, VERDICT_WORDS, WORDS } from '../i18n/words.js';
import { ACCEPTANCE_TEXT, MARKDOWN_TEXT, REPORT_TEXT } from '../i18n/report-text.js';
import { AcceptanceCollector } from './acceptance.js';
import { coverageLine } from './coverage.js';
import { waiverText } from './waivers.js';
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
    const judged = s.records.compliant + s.records.non_compliant + s.records.undetermined;
    const title = context.standards.find((standard) => standard.id === s.standard)?.title[lang] ?? s.standard;
    return [`${markdownCell(title)} (\`${s.standard}\`)`, s.rules, s.counts.pass, s.counts.fail, s.counts.unknown, s.counts.not_applicable, percentText(s.pass_rate), `${s.records.compliant}/${judged}`];
  });
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const markdownFormat: ReportFormat = {
  showsRecords: true,
  create(target, context) {
    const sink = new BufferedSink(target);
    const lang = context.lang;
    const t = (key: keyof typeof ACCEPTANCE_TEXT): string => ACCEPTANCE_TEXT[key][lang] as string;
    const collector = new AcceptanceCollector(context.maxRecords);
    let rowsLeft = MARKDOWN_MAX_ROWS;
    let hidden = 0;
    const row = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const who = result.record ?? result.group;
      const where = who !== null ? clipText(who, lang) : WORDS.allRecords[lang];
      const name = result.name ? ` ${clipText(result.name, lang)}` : '';
      const place = result.file ? `${result.file}${result.sheet !== null ? ` ${cellName(result) ?? ''}` : result.line !== null ? `:${result.line}` : ''}` : '';
      const status = `${STATUS_WORDS[result.status][lang]}${result.severity === 'guidance' ? REPORT_TEXT.guidanceMark[lang] : ''}${rule?.interpreted ? INTERPRETED_MARK[lang] : ''}${!result.due ? REPORT_TEXT.notDueMark[lang] : ''}`;
      const clause = rule ? `${rule.citation.section}${PUNCTUATION.colon[lang]}“${quoteText(rule.citation, '…')}”` : '';
      const detail = `${describeResult(result, context)}${result.waiver ? ` ${waiverText(result.waiver, lang)}` : ''}`;
      return `| ${markdownCell(`${where}${name}`)} | ${markdownCell(place)} | \`${result.standard}/${result.rule}\` | ${markdownCell(status)} | ${markdownCell(detail)} | ${markdownCell(clause)} |`;
    };
    const resultTable = (results: readonly Result[]): string => {
      const rows: string[] = [];
      for (const result of results) {
        if (rowsLeft <= 0) hidden++;
        else {
          rowsLeft--;
          rows.push(row(result));
        }
      }
      if (rows.length === 0) return '';
      const head = [WORDS.record[lang], MARKDOWN_TEXT.where[lang], WORDS.rule[lang], WORDS.status[lang], WORDS.detail[lang], WORDS.clause[lang]];
      return `| ${head.join(' | ')} |\n|${head.map(() => ' --- ').join('|')}|\n${rows.join('\n')}\n`;
    };
    return {
      async write(batch) {
        collector.add(batch);
      },
      async end(summary, coverage) {
        const meta = MARKDOWN_TEXT.asOf[lang](summary.as_of, summary.records);
        await sink.write(`# ${REPORT_TEXT.title[lang]}\n\n${meta}\n\n${closingLine(summary, context, new Chalk({ level: 0 }))}\n\n`);
        const uncovered = coverageLine(coverage, context);
        if (uncovered) await sink.write(`> ${markdownCell(uncovered)}\n\n`);
        // The roll-up by region, then each record's verdict per standard.
        const verdictHead = VERDICT_ORDER.map((verdict) => VERDICT_WORDS[verdict][lang]);
        const rollUp = summary.regions.map((region) => `| ${markdownCell(region.region ?? t('noRegion'))} | \`${region.standard}\` | ${region.records} | ${VERDICT_ORDER.map((verdict) => region[verdict]).join(' | ')} |`);
        await sink.write(`## ${t('rollUp')}\n\n| ${[WORDS.group[lang], WORDS.standard[lang], t('records'), ...verdictHead].join(' | ')} |\n|${[' --- ', ' --- ', ...Array<string>(5).fill(' ---: ')].join('|')}|\n${rollUp.join('\n')}\n\n`);
        const standards = context.verdictStandards;
        const records = collector.sheets.map(({ record }) => `| ${markdownCell(record.record !== null ? clipText(record.record, lang) : '—')} | ${markdownCell(record.name ? clipText(record.name, lang) : '')} | ${markdownCell(record.region ? clipText(record.region, lang) : '')} | ${standards.map((id) => VERDICT_WORDS[record.verdicts[id] ?? 'not_applicable'][lang]).join(' | ')} |`);
        await sink.write(`## ${t('recordVerdicts')}\n\n| ${[WORDS.record[lang], t('name'), WORDS.group[lang], ...standards.map((id) => `\`${id}\``)].join(' | ')} |\n|${Array<string>(3 + standards.length).fill(' --- ').join('|')}|\n${records.join('\n')}\n\n`);
        if (collector.hidden > 0) await sink.write(`${ACCEPTANCE_TEXT.moreRecords[lang](collector.hidden)}\n\n`);
        await sink.write(`## ${t('toFix')}\n\n`);
        const toFix = resultTable(collector.sheets.flatMap((sheet) => [...sheet.blocking, ...sheet.waived]));
        await sink.write(toFix === '' ? `${MARKDOWN_TEXT.none[lang]}\n\n` : `${toFix}\n`);
        const guidance = resultTable(collector.sheets.flatMap((sheet) => sheet.guidance));
        if (guidance !== '') await sink.write(`## ${t('guidanceApart')}\n\n${guidance}\n`);
        const aggregates = resultTable(collector.aggregates.filter((result) => isProblem(result.status)));
        if (aggregates !== '') await sink.write(`## ${WORDS.aggregates[lang]}\n\n${aggregates}\n`);
        if (hidden > 0) await sink.write(`${MARKDOWN_TEXT.moreNotListed[lang](hidden)}\n\n`);
        await sink.write(`## ${WORDS.summary[lang]}\n\n${summaryMarkdown(summary, context)}\n`);
        await sink.flush();
      },
    };
  },
};
