// CSV report: one row per result, UTF-8 with BOM so Excel shows Chinese correctly, every cell
// neutralised against formula injection; statuses, severities and yes/no in the report's language.
import { isListed } from './listing.js';
import { ruleTitle, SEVERITY_WORDS, STATUS_WORDS, WORDS } from '../i18n/words.js';
import { waiverText } from './waivers.js';
import { CSV_HEADERS } from '../i18n/report-text.js';
import type { Result } from '../model.js';
import { quoteText, ruleKey } from './context.js';
import { describeRequirement, describeResult, describeActual } from './describe.js';
import { csvCell } from './escape.js';
import type { ReportFormat } from './format.js';
import { cellName } from './json.js';
import { BufferedSink } from './sink.js';
import { clipOrNull } from './clip.js';

export const csvFormat: ReportFormat = {
  create(target, context) {
    const sink = new BufferedSink(target);
    const row = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
    let started = false;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      await sink.write(`\uFEFF${row([...CSV_HEADERS[context.lang]])}`);
    };
    const line = (result: Result): string => {
      const rule = context.rules.get(ruleKey(result.standard, result.rule));
      const quote = rule ? quoteText(rule.citation) : '';
      const lang = context.lang;
      return row([
        clipOrNull(result.record, lang),
        clipOrNull(result.name, lang),
        // Per-record results name the record's region; aggregate results the region they are about.
        clipOrNull(result.group ?? result.region, lang),
        result.file,
        result.line,
        clipOrNull(result.sheet, lang),
        cellName(result),
        result.standard,
        result.rule,
        rule ? ruleTitle(rule, context.lang) : '',
        STATUS_WORDS[result.status][lang],
        SEVERITY_WORDS[result.severity][lang],
        result.due ? WORDS.yes[lang] : WORDS.no[lang],
        result.deadline,
        describeActual(result.actual, context, result.expected.unit),
        describeRequirement(result.expected, context),
        result.gap,
        describeResult(result, context),
        rule?.citation.section ?? '',
        quote,
        result.waiver ? waiverText(result.waiver, lang) : '',
      ]);
    };
    return {
      async write(batch) {
        await start();
        for (const result of batch.results) {
          if (!isListed(result.status, context.all)) continue;
          await sink.write(line(result));
        }
      },
      async end() {
        await start();
        await sink.flush();
      },
    };
  },
};
