// JSON report: the contract CI and other tools rely on (see README). Results stream out as they are
// judged; the summary follows them, so memory does not grow with the survey.
import type { Result } from '../model.js';
import type { ReportContext } from './context.js';
import { ruleKey } from './context.js';
import { describeResult } from './describe.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';

export const JSON_REPORT_VERSION = '1';

export function resultJson(result: Result, context: ReportContext): Record<string, unknown> {
  const rule = context.rules.get(ruleKey(result.standard, result.rule));
  return {
    record: result.record,
    name: result.name,
    group: result.group,
    file: result.file,
    line: result.line,
    standard: result.standard,
    rule: result.rule,
    title: rule?.title[context.lang] ?? result.rule,
    fields: result.fields,
    status: result.status,
    severity: result.severity,
    due: result.due,
    deadline: result.deadline,
    actual: result.actual,
    expected: result.expected,
    gap: result.gap,
    reason: result.reason,
    message: describeResult(result, context),
    citation: rule ? { section: rule.citation.section, quote: rule.citation.quote } : null,
  };
}

export const jsonFormat: ReportFormat = {
  name: 'json',
  create(target, context) {
    const sink = new BufferedSink(target);
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
            ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
          })),
        })),
      };
      await sink.write(`${JSON.stringify(head).slice(0, -1)},"results":[`);
    };
    return {
      async write(batch) {
        if (!started) await start();
        for (const result of batch.results) {
          // Problems by default; passes are counted in the summary. --all lists every result.
          if (!context.all && result.status !== 'fail' && result.status !== 'unknown') continue;
          await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(resultJson(result, context))}`);
          first = false;
        }
      },
      async end(summary) {
        if (!started) await start();
        await sink.write(`\n],"summary":${JSON.stringify(summary)}}\n`);
        await sink.flush();
      },
    };
  },
};
