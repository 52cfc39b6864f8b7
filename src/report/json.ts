// JSON report: the contract CI and other tools rely on (see README). Results stream out as they are
// judged; the summary follows them, so memory does not grow with the survey.
import { isListed } from './listing.js';
import { ruleTitle } from '../i18n/words.js';
import type { Lang, RecordVerdict, Result } from '../model.js';
import type { ReportContext } from './context.js';
import { ruleKey } from './context.js';
import { describeResult } from './describe.js';
import { isEmpty, withoutFirst, type Rendered, type ReportFormat, type ResultBatch } from './format.js';
import { BufferedSink, MemoryAppendix } from './sink.js';
import { columnLetters } from '../text.js';
import { capActual, clipOrNull, clipRaw } from './clip.js';

export const JSON_REPORT_VERSION = '1';

/** The spreadsheet cell of a result ("B7"), for worksheets. */
export function cellName(result: Result): string | null {
  return result.sheet !== null && result.column !== null && result.line !== null ? `${columnLetters(result.column)}${result.line}` : null;
}

/**
 * A result serialised for the JSON report, the parts that depend only on the rule (title, citation,
 * severity…) stringified once per rule: they are most of each line's bytes. Text from the survey is
 * cut (clip.ts): record, name, region, group, sheet and message to what every report shows, `actual`
 * exact within its caps, past which it is cut and the result says `"actual_clipped": true`.
 */
export function resultSerialiser(context: ReportContext): (result: Result) => string {
  const ruleParts = new Map<string, string>();
  const files = new Map<string | null, string>();
  return (result) => {
    const key = ruleKey(result.standard, result.rule);
    let ruleJson = ruleParts.get(key);
    if (ruleJson === undefined) {
      const rule = context.rules.get(key);
      ruleJson = JSON.stringify({
        standard: result.standard,
        rule: result.rule,
        title: rule ? ruleTitle(rule, context.lang) : result.rule,
        ...(rule?.interpreted ? { interpreted: true } : {}),
        fields: result.fields,
        severity: result.severity,
        due: result.due,
        deadline: result.deadline,
        citation: rule ? { section: rule.citation.section, quote: rule.citation.quote, ...(rule.citation.document ? { document: rule.citation.document } : {}) } : null,
      }).slice(1, -1);
      ruleParts.set(key, ruleJson);
    }
    let file = files.get(result.file);
    if (file === undefined) files.set(result.file, (file = JSON.stringify(result.file)));
    const lang = context.lang;
    const actual = capActual(result.actual, lang);
    const own = JSON.stringify({
      status: result.status,
      actual: actual.value,
      ...(actual.clipped ? { actual_clipped: true } : {}),
      expected: result.expected,
      gap: result.gap,
      reason: 'raw' in result.reason ? { ...result.reason, raw: clipRaw(result.reason.raw, lang) } : result.reason,
      ...(result.conversions ? { conversions: result.conversions.map((c) => ({ ...c, raw: clipRaw(c.raw, lang) })) } : {}),
      ...(result.waiver ? { waiver: result.waiver } : {}),
      message: describeResult(result, context),
    }).slice(1);
    const place = `"sheet":${JSON.stringify(clipOrNull(result.sheet, lang))},"column":${JSON.stringify(result.column)},"cell":${JSON.stringify(cellName(result))}`;
    const who = `"record":${JSON.stringify(clipOrNull(result.record, lang))},"name":${JSON.stringify(clipOrNull(result.name, lang))},"region":${JSON.stringify(clipOrNull(result.region, lang))},"group":${JSON.stringify(clipOrNull(result.group, lang))}`;
    return `{${who},"file":${file},"line":${JSON.stringify(result.line)},${place},${ruleJson},${own}`;
  };
}

/** A record's entry in the JSON report's `records`, its texts cut as results' are. */
export function serialiseRecord(record: RecordVerdict, lang: Lang): string {
  return JSON.stringify({ ...record, record: clipOrNull(record.record, lang), name: clipOrNull(record.name, lang), region: clipOrNull(record.region, lang), sheet: clipOrNull(record.sheet, lang) });
}

/** A batch's results and records as JSON array elements, each starting with a comma: the writer drops the first. */
function renderResults(context: ReportContext): (batch: ResultBatch) => Rendered {
  const serialise = resultSerialiser(context);
  return (batch) => {
    let text = '';
    for (const result of batch.results) {
      // Problems by default; passes are counted in the summary. --all lists every result.
      if (!isListed(result.status, context.all)) continue;
      text += `,\n${serialise(result)}`;
    }
    let records = '';
    for (const record of batch.evaluated?.records() ?? []) records += `,\n${serialiseRecord(record, context.lang)}`;
    return { body: text, ...(records !== '' ? { records } : {}) };
  };
}

export const jsonFormat: ReportFormat = {
  renderBatch: renderResults,
  create(target, context) {
    const sink = new BufferedSink(target, 1 << 20);
    const render = renderResults(context);
    let first = true;
    let started = false;
    const start = async (): Promise<void> => {
      started = true;
      const head = {
        version: JSON_REPORT_VERSION,
        tool: 'dabiao',
        as_of: context.asOf,
        lang: context.lang,
        inputs: context.inputs,
        standards: context.standards.map((standard) => ({
          id: standard.id,
          title: standard.title[context.lang],
          document: standard.source.document,
          rules: standard.rules.map((rule) => ({
            id: rule.id,
            title: rule.title[context.lang],
            severity: rule.severity,
            citation: rule.citation,
            ...(rule.interpretation ? { interpretation: rule.interpretation[context.lang] } : {}),
            ...(rule.interpreted ? { interpreted: true } : {}),
          })),
        })),
      };
      await sink.write(`${JSON.stringify(head).slice(0, -1)},"results":[`);
    };
    // Records go to an appendix while results stream: the array is written after `results`.
    const appendix = target.appendix?.() ?? new MemoryAppendix();
    let firstRecord = true;
    const writeRendered = async (rendered: Rendered): Promise<void> => {
      if (!started) await start();
      if (!isEmpty(rendered.body)) {
        await sink.writePiece(first ? withoutFirst(rendered.body) : rendered.body);
        first = false;
      }
      if (rendered.records !== undefined && !isEmpty(rendered.records)) {
        await appendix.write(firstRecord ? withoutFirst(rendered.records) : rendered.records);
        firstRecord = false;
      }
    };
    return {
      write: (batch) => writeRendered(render(batch)),
      writeRendered,
      async end(summary, coverage) {
        if (!started) await start();
        await sink.write(`\n],"records":[`);
        await sink.flush();
        await appendix.pourInto(sink);
        await sink.write(`\n],"coverage":${JSON.stringify(coverage)},"summary":${JSON.stringify(summary)}}\n`);
        await sink.flush();
      },
    };
  },
};
