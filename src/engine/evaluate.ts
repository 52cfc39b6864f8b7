// Evaluate a stream of survey records against a compiled plan. Records stream through one at a time;
// only aggregate accumulators (one per rule and region) stay in memory.
import type { Outcome, Reason, Result, Status, SurveyRecord } from '../model.js';
import type { Accumulator } from './checks/check-kind.js';
import type { Applicability, CompiledRule, Plan } from './compile.js';
import { RawRecordView } from './record-view.js';
import type { Parsed, RecordView } from '../batch.js';
import { rawText } from '../text.js';

export interface ResultBatch {
  /** The record these results are about; null for the aggregate results at the end. */
  record: SurveyRecord | null;
  /** The results kept (see EvaluateOptions.keep); every result for the aggregate batch. */
  results: Result[];
  /** For a record: the status under every per-record rule, in plan.recordRules order. */
  statuses?: readonly Status[];
}

export interface EvaluateOptions {
  /** Which per-record results to build in full; the others are only counted. Default: all. */
  keep?: (status: Status) => boolean;
}

export type ScopeVerdict = { status: 'in' } | { status: 'out' | 'unknown'; reason: Reason };
const IN_SCOPE: ScopeVerdict = { status: 'in' };

/**
 * Whether a rule applies to a record: every scope field holds one of the rule's values, and the data is
 * of a year the target is for. A record that does not state its year is of `defaultYear` (--year); a
 * scope field or year that is missing or unreadable leaves the rule unknown, never applicable by guess.
 */
export function inScope(applies: Applicability, view: RecordView, defaultYear: number): ScopeVerdict {
  for (const { field, values } of applies.scope) {
    const parsed = view.get(field);
    if (!parsed.ok) return { status: 'unknown', reason: unreadable(field, parsed) };
    if (!values.has(String(parsed.value))) return { status: 'out', reason: { type: 'out-of-scope', field, value: String(parsed.value) } };
  }
  const target = applies.years;
  if (target) {
    const parsed = view.get('year');
    if (!parsed.ok && parsed.problem !== 'missing') return { status: 'unknown', reason: unreadable('year', parsed) };
    const year = parsed.ok && typeof parsed.value === 'number' ? parsed.value : defaultYear;
    if (year < target.from || year > target.to) return { status: 'out', reason: { type: 'other-year', year, target } };
  }
  return IN_SCOPE;
}

function unreadable(field: string, parsed: Exclude<Parsed, { ok: true }>): Reason {
  return parsed.problem === 'missing' ? { type: 'missing', fields: [field] } : { type: 'unparseable', field, raw: parsed.raw, problem: parsed.problem };
}

/** Rules sharing a scope share one verdict per record: most rules have one of a handful of scopes. */
function scopeGroups(rules: readonly CompiledRule[]): { index: number[]; scopes: Applicability[] } {
  const keys = new Map<string, number>();
  const scopes: Applicability[] = [];
  const index = rules.map((rule) => {
    const { scope, years } = rule.applies;
    const key = JSON.stringify([scope.map(({ field, values }) => [field, [...values].sort()]), years]);
    let at = keys.get(key);
    if (at === undefined) {
      at = scopes.length;
      keys.set(key, at);
      scopes.push(rule.applies);
    }
    return at;
  });
  return { index, scopes };
}

/** The record's id, name or region as written; an unreadable one (a JSON object where text belongs) is
 * shown as its raw text, never silently dropped. */
function textOf(view: RecordView, field: string): string | null {
  const parsed = view.get(field);
  if (parsed.ok) return rawText(parsed.value);
  return parsed.problem === 'missing' ? null : parsed.raw;
}

interface Where {
  record: string | null;
  name: string | null;
  region: string | null;
  group: string | null;
  file: string | null;
  line: number | null;
  sheet: string | null;
  columns: ReadonlyMap<string, number> | undefined;
}

// Built field by field in one fixed order: millions are made per run, and one shape keeps them cheap.
function conversionsOf(rule: CompiledRule, view: RecordView | undefined): Result['conversions'] {
  if (!view) return undefined;
  let found: Result['conversions'];
  for (const field of rule.fields) {
    const parsed = view.get(field);
    if (parsed.ok && parsed.converted) (found ??= []).push({ field, ...parsed.converted });
  }
  return found;
}

function toResult(rule: CompiledRule, outcome: Outcome, where: Where, view?: RecordView): Result {
  const expected = outcome.expected;
  if (rule.unit !== undefined && expected.unit === undefined) expected.unit = rule.unit;
  const conversions = outcome.status === 'not_applicable' ? undefined : conversionsOf(rule, view);
  return {
    standard: rule.standard.id,
    rule: rule.rule.id,
    record: where.record,
    name: where.name,
    region: where.region,
    group: where.group,
    file: where.file,
    line: where.line,
    sheet: where.sheet,
    column: (rule.fields[0] !== undefined ? where.columns?.get(rule.fields[0]) : undefined) ?? null,
    fields: rule.fields,
    status: outcome.status,
    severity: rule.rule.severity,
    due: rule.due,
    deadline: rule.deadline,
    actual: outcome.actual,
    expected,
    gap: outcome.gap ?? null,
    reason: outcome.reason,
    ...(conversions ? { conversions } : {}),
  };
}

interface GroupState {
  accumulator: Accumulator;
  scopeUnknown: number;
}

export async function* evaluate(plan: Plan, records: AsyncIterable<SurveyRecord>, options: EvaluateOptions = {}): AsyncGenerator<ResultBatch> {
  const { recordRules, aggregateRules } = plan;
  const keep = options.keep ?? (() => true);
  const keepNotApplicable = keep('not_applicable');
  const groups = aggregateRules.map(() => new Map<string | null, GroupState>());

  const grouping = scopeGroups(recordRules);
  const verdicts: (ScopeVerdict | undefined)[] = grouping.scopes.map(() => undefined);

  for await (const record of records) {
    const view = new RawRecordView(record, plan.dictionary);
    const where: Where = {
      record: textOf(view, 'id'),
      name: textOf(view, 'name'),
      region: textOf(view, 'region'),
      group: null,
      file: record.file,
      line: record.line,
      sheet: record.sheet ?? null,
      columns: record.columns,
    };
    verdicts.fill(undefined);
    const results: Result[] = [];
    const statuses = new Array<Status>(recordRules.length);
    for (let i = 0; i < recordRules.length; i++) {
      const rule = recordRules[i] as CompiledRule;
      const group = grouping.index[i] as number;
      let scope = verdicts[group];
      if (scope === undefined) verdicts[group] = scope = inScope(grouping.scopes[group] as Applicability, view, plan.year);
      if (scope.status === 'out' && !keepNotApplicable) {
        statuses[i] = 'not_applicable';
        continue;
      }
      let outcome: Outcome;
      if (scope.status === 'in' && rule.check.type === 'record') outcome = rule.check.evaluate(view);
      else if (scope.status === 'out') outcome = { status: 'not_applicable', actual: null, expected: {}, reason: scope.reason };
      else outcome = { status: 'unknown', actual: null, expected: {}, reason: scope.status === 'unknown' ? scope.reason : { type: 'ok' } };
      statuses[i] = outcome.status;
      if (keep(outcome.status)) results.push(toResult(rule, outcome, where, view));
    }
    if (aggregateRules.length > 0) {
      const region = where.region;
      aggregateRules.forEach((rule, i) => {
        const scope = inScope(rule.applies, view, plan.year);
        if (scope.status === 'out' || rule.check.type !== 'aggregate') return;
        const byGroup = groups[i] as Map<string | null, GroupState>;
        let state = byGroup.get(region);
        if (!state) {
          state = { accumulator: rule.check.start(), scopeUnknown: 0 };
          byGroup.set(region, state);
        }
        if (scope.status === 'unknown') state.scopeUnknown++;
        else state.accumulator.add(view);
      });
    }
    yield { record, results, statuses };
  }

  const results: Result[] = [];
  aggregateRules.forEach((rule, i) => {
    const byGroup = groups[i] as Map<string | null, GroupState>;
    const where = (group: string | null): Where => ({ record: null, name: null, region: group, group, file: null, line: null, sheet: null, columns: undefined });
    if (byGroup.size === 0) {
      results.push(toResult(rule, { status: 'not_applicable', actual: null, expected: {}, reason: { type: 'no-records' } }, where(null)));
    }
    const ordered = [...byGroup.entries()].sort(([a], [b]) => (a ?? '').localeCompare(b ?? '', 'zh'));
    for (const [group, state] of ordered) {
      let outcome = state.accumulator.finish();
      // Records whose scope could not be read might belong to the group: the verdict cannot be trusted.
      if (state.scopeUnknown > 0 && outcome.status !== 'unknown') {
        outcome = { ...outcome, status: 'unknown', reason: { type: 'share-undecided', unknown: state.scopeUnknown } };
      }
      results.push(toResult(rule, outcome, where(group)));
    }
  });
  if (results.length > 0) yield { record: null, results };
}
