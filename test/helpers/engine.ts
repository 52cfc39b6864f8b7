// Run the engine in memory on plain objects, the way the CLI would after reading a file.
import { checkKinds } from '../../src/engine/checks/index.js';
import { compile } from '../../src/engine/compile.js';
import { Evaluator } from '../../src/engine/evaluate.js';
import { batchOfRecords } from '../../src/survey/batches.js';
import { Parsers } from '../../src/survey/typing.js';
import { SummaryBuilder, type Summary } from '../../src/engine/summary.js';
import type { Dictionary, Result, Standard, SurveyRecord } from '../../src/model.js';
import { loadDictionary, loadStandards } from '../../src/standards/load.js';
import { HeaderMatcher } from '../../src/survey/headers.js';
import { validateStandard } from '../../src/standards/validate.js';
import { parseYaml } from '../../src/standards/yaml-source.js';

let cached: Dictionary | undefined;
export function dictionary(): Dictionary {
  cached ??= loadDictionary();
  return cached;
}

export function standards(ids: string[]): Standard[] {
  return loadStandards(ids, { dictionary: dictionary(), kinds: checkKinds });
}

export function toRecords(rows: readonly Record<string, unknown>[], file = 'memory'): SurveyRecord[] {
  const matcher = new HeaderMatcher(dictionary());
  return rows.map((row, i) => {
    const values = new Map<string, unknown>();
    for (const [key, value] of Object.entries(row)) {
      const field = matcher.match(key);
      if (field === null) throw new Error(`test record uses unknown column "${key}"`);
      values.set(field, value);
    }
    return { file, line: i + 2, values };
  });
}

export async function runEngine(
  selected: Standard[],
  rows: readonly Record<string, unknown>[],
  asOf = '2026-11-22',
): Promise<{ results: Result[]; summary: Summary }> {
  const plan = compile(selected, { asOf, dictionary: dictionary(), kinds: checkKinds });
  const builder = new SummaryBuilder(plan);
  const evaluator = new Evaluator(plan);
  const results: Result[] = [];
  if (rows.length > 0) {
    const evaluated = evaluator.evaluate(batchOfRecords(toRecords(rows), new Parsers(dictionary())));
    builder.addBatch(evaluated);
    results.push(...evaluated.results(() => true));
  }
  const aggregates = evaluator.finish();
  builder.addResults(aggregates);
  results.push(...aggregates);
  return { results, summary: builder.finish() };
}

/** A standard written inline in a test, validated exactly like a file. */
export function standardFromYaml(text: string, file = 'inline.yaml'): Standard {
  return validateStandard(parseYaml(text, file), { dictionary: dictionary(), kinds: checkKinds, strict: true });
}

/** A one-rule standard around `check`, optionally with extra rule keys (scope, schedule, deadline). */
export function oneRule(check: string, extra = ''): Standard {
  return standardFromYaml(`id: t
title: {zh: 测试, en: test}
source: {document: test}
rules:
  - id: r
    title: {zh: 规则, en: rule}
    severity: required
    check: ${check}
    citation: {section: s, quote: q1}
${extra.replace(/^/gm, '    ')}
`);
}
