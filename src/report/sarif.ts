// SARIF 2.1.0: one reportingDescriptor per rule (with its citation as help), one result per failing
// or unknown (record, rule), located at the survey file and line. Results stream out as they come.
import { isProblem, levelOf } from './listing.js';
import { ruleTitle } from '../i18n/words.js';
import { SARIF_TEXT } from '../i18n/report-text.js';
import type { Result, Rule, Standard } from '../model.js';
import { quoteText, ruleKey } from './context.js';
import type { ReportContext } from './context.js';
import { describeResult } from './describe.js';
import type { ReportFormat } from './format.js';
import { BufferedSink } from './sink.js';
import { capActual, clipOrNull } from './clip.js';
import { uncoveredReason, uncoveredRules } from './coverage.js';
import { waiverText } from './waivers.js';

const TOOL_VERSION = '0.1.0';

/** A file path as an artifact URI: relative paths stay relative, absolute ones become file: URIs. */
export function artifactUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace(/^([A-Za-z])%3A/, '$1:')}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function descriptor(standard: Standard, rule: Rule, context: ReportContext): Record<string, unknown> {
  const quote = quoteText(rule.citation);
  const lang = context.lang;
  const help = [
    ruleTitle(rule, lang),
    SARIF_TEXT.clause[lang](rule.citation.document ?? standard.source.document, rule.citation.section),
    `“${quote}”`,
    ...(rule.interpretation ? [SARIF_TEXT.interpretation[lang](rule.interpretation[lang])] : []),
  ].join('\n');
  return {
    id: ruleKey(standard.id, rule.id),
    name: rule.id,
    shortDescription: { text: ruleTitle(rule, context.lang) },
    fullDescription: { text: `${rule.title.zh} / ${rule.title.en}` },
    help: { text: help },
    defaultConfiguration: { level: levelOf({ severity: rule.severity, due: true }) },
    properties: { standard: standard.id, severity: rule.severity, citation: rule.citation, ...(rule.deadline ? { deadline: rule.deadline } : {}) },
  };
}

export const sarifFormat: ReportFormat = {
  create(target, context) {
    const sink = new BufferedSink(target);
    const index = new Map<string, number>();
    const rules = context.standards.flatMap((standard) => standard.rules.map((rule) => descriptor(standard, rule, context)));
    rules.forEach((rule, i) => index.set(String(rule.id), i));
    let started = false;
    let first = true;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      const head = {
        $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
        version: '2.1.0',
      };
      const driver = { name: 'dabiao', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules };
      await sink.write(`${JSON.stringify(head).slice(0, -1)},"runs":[{"tool":${JSON.stringify({ driver })},"results":[`);
    };
    const toSarif = (result: Result): Record<string, unknown> => {
      const id = ruleKey(result.standard, result.rule);
      // Aggregate results have no line of their own: they point at the first survey file's header.
      const file = result.file ?? context.inputs[0] ?? 'survey';
      const region: Record<string, number> = { startLine: result.line ?? 1 };
      if (result.column !== null && result.sheet === null) region.startColumn = result.column;
      const lang = context.lang;
      const who = clipOrNull(result.record ?? result.group, lang);
      const name = clipOrNull(result.name, lang);
      const sheet = clipOrNull(result.sheet, lang);
      // `actual` is held as the JSON report holds it: exact within its caps, or cut and flagged.
      const actual = capActual(result.actual, lang);
      return {
        ruleId: id,
        ruleIndex: index.get(id) ?? -1,
        level: levelOf(result),
        kind: result.status === 'unknown' ? 'review' : 'fail',
        message: { text: `${who !== null ? `${who}${name ? ` ${name}` : ''}: ` : ''}${describeResult(result, context)}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region }, ...(sheet !== null ? { message: { text: sheet } } : {}) }],
        // A waived result is reported as suppressed by an approved, external decision.
        ...(result.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: waiverText(result.waiver, lang) }] } : {}),
        properties: {
          record: clipOrNull(result.record, lang),
          group: clipOrNull(result.group, lang),
          status: result.status,
          due: result.due,
          actual: actual.value,
          ...(actual.clipped ? { actual_clipped: true } : {}),
          expected: result.expected,
          gap: result.gap,
          sheet,
        },
      };
    };
    return {
      async write(batch) {
        await start();
        for (const result of batch.results) {
          if (!isProblem(result.status) && result.status !== 'waived') continue;
          await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(toSarif(result))}`);
          first = false;
        }
      },
      async end(summary, coverage) {
        await start();
        // A rule the survey cannot feed: one result at the header of each file lacking its columns.
        for (const rule of uncoveredRules(coverage, context)) {
          const id = ruleKey(rule.standard, rule.rule);
          for (const file of rule.files) {
            const result = {
              ruleId: id,
              ruleIndex: index.get(id) ?? -1,
              level: levelOf(rule),
              kind: 'review',
              message: { text: uncoveredReason(rule, context) },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: 1 } } }],
              properties: { uncovered: true, fields: rule.fields },
            };
            await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(result)}`);
            first = false;
          }
        }
        const invocation = { executionSuccessful: true, properties: { as_of: summary.as_of, records: summary.records, summary: { results: summary.results, blocking: summary.blocking } } };
        await sink.write(`\n],"invocations":[${JSON.stringify(invocation)}],"columnKind":"unicodeCodePoints"}]}\n`);
        await sink.flush();
      },
    };
  },
};
