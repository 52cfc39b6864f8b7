// Evaluate typed batches against a compiled plan. Per batch: one scope mask per group of rules sharing a
// scope, then each rule's kernel writes a status per row into a byte array (rules without a kernel run
// their per-record check on the rows in scope). Full results, with their actual values, requirements
// and reasons, are built only for the statuses a report lists. Aggregates keep a mergeable state per
// group (region), so batches judged in different workers add up to the same verdict.
import { BatchRow, CELL_MISSING, CELL_OK, cellAt, type Batch, type Parsed, type RecordView } from '../batch.js';
import type { Outcome, Reason, RecordVerdict, Result, Status, Verdict, WaiverInfo } from '../model.js';
import { rawText } from '../text.js';
import type { CompiledAggregateCheck, CompiledRecordCheck } from './checks/check-kind.js';
import { fieldsNeeded, type Applicability, type CompiledRule, type Plan } from './compile.js';
import { CODE_OF_STATUS, FAIL, IN, NOT_APPLICABLE, OUT, PASS, SCOPE_UNKNOWN, STATUS_OF_CODE, UNKNOWN, WAIVED } from './status.js';
import { VERDICT_OF_CODE, VerdictRules } from './verdicts.js';

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

/** The scope mask of a batch (IN, OUT, SCOPE_UNKNOWN per row): the same verdicts as inScope, a column at a time. */
export function scopeMask(applies: Applicability, batch: Batch, defaultYear: number, mask: Uint8Array = new Uint8Array(batch.size)): Uint8Array {
  const size = batch.size;
  for (const { field, values } of applies.scope) {
    const column = batch.columns.get(field);
    if (!column) {
      for (let row = 0; row < size; row++) if (mask[row] === IN) mask[row] = SCOPE_UNKNOWN;
      continue;
    }
    // Which stored values are in scope: enum codes and yes/no bytes by a table indexed by the value
    // (one loop, no call per row); other types by their value's text.
    if (column.type === 'enum' || column.type === 'boolean') {
      const keys = column.type === 'enum' ? column.codes : ['false', 'true'];
      const inScope = Uint8Array.from(keys, (key) => (values.has(key) ? 1 : 0));
      maskByTable(mask, column.state, column.values, inScope, size);
      continue;
    }
    for (let row = 0; row < size; row++) {
      if (mask[row] !== IN) continue;
      if (column.state[row] !== CELL_OK) mask[row] = SCOPE_UNKNOWN;
      else if (!values.has(String(cellValue(cellAt(column, row))))) mask[row] = OUT;
    }
  }
  const target = applies.years;
  if (target) {
    const column = batch.columns.get('year');
    for (let row = 0; row < size; row++) {
      if (mask[row] !== IN) continue;
      let year = defaultYear;
      if (column && column.state[row] !== CELL_MISSING) {
        if (column.type !== 'number' || column.state[row] !== CELL_OK) {
          mask[row] = SCOPE_UNKNOWN;
          continue;
        }
        year = column.values[row] as number;
      }
      if (year < target.from || year > target.to) mask[row] = OUT;
    }
  }
  return mask;
}

/** Rows still in scope leave it where their value's entry in `inScope` is 0, and become unknown where
 * the cell holds no value. */
function maskByTable(mask: Uint8Array, state: Uint8Array, values: Int32Array | Uint8Array, inScope: Uint8Array, size: number): void {
  for (let row = 0; row < size; row++) {
    if (mask[row] !== IN) continue;
    if (state[row] !== CELL_OK) mask[row] = SCOPE_UNKNOWN;
    else if (inScope[values[row] as number] !== 1) mask[row] = OUT;
  }
}

function cellValue(parsed: Parsed): unknown {
  return parsed.ok ? parsed.value : undefined;
}

/** Which results a report lists in full: the others are counted only. `uncovered`: the batch had no
 * column for a field the rule needs (see EvaluatedBatch.uncovered). */
export type Keep = (status: Status, rule: CompiledRule, uncovered: boolean) => boolean;

export interface EvaluatedBatch {
  readonly batch: Batch;
  /** Per per-record rule (in plan.recordRules order), a status code per row. */
  readonly statuses: readonly Uint8Array[];
  /** Per standard (in Evaluator.verdictRules.standards order), a verdict code per row (verdicts.ts). */
  readonly verdicts: readonly Uint8Array[];
  /** Per per-record rule: the batch has no column for a field it reads or scopes on, and so judged none of
   * its records. Its unknowns are told once, as coverage, not under every record. */
  readonly uncovered: readonly boolean[];
  /** The full results the listing keeps, record by record, in input order; rows from…to (default all). */
  results(keep: Keep, from?: number, to?: number): Result[];
  /** Every record with its verdicts and the rules it failed, could not be judged on or was waived. */
  records(): RecordVerdict[];
}

/** The record's id, name or region as written; an unreadable one is shown as its raw text, never dropped. */
export function textAt(batch: Batch, field: string, row: number): string | null {
  const parsed = cellAt(batch.columns.get(field), row);
  if (parsed.ok) return rawText(parsed.value);
  return parsed.problem === 'missing' ? null : parsed.raw;
}

/** Rules sharing a scope share one mask per batch: most rules have one of a handful of scopes. An
 * evaluator is made per chunk of a large file, so the grouping is remembered per list of rules. */
const groupings = new WeakMap<readonly CompiledRule[], { index: number[]; scopes: Applicability[] }>();

function scopeGroups(rules: readonly CompiledRule[]): { index: number[]; scopes: Applicability[] } {
  let grouping = groupings.get(rules);
  if (!grouping) groupings.set(rules, (grouping = groupScopes(rules)));
  return grouping;
}

function groupScopes(rules: readonly CompiledRule[]): { index: number[]; scopes: Applicability[] } {
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

/** A plan's verdict rules, worked out once: an evaluator is made per chunk of a large file. */
const verdictRulesByPlan = new WeakMap<Plan, VerdictRules>();

function verdictRulesOf(plan: Plan): VerdictRules {
  let rules = verdictRulesByPlan.get(plan);
  if (!rules) verdictRulesByPlan.set(plan, (rules = new VerdictRules(plan.recordRules, plan.rules)));
  return rules;
}

/** What a rule's check says about every in-scope row of a batch. */
function runCheck(check: CompiledRecordCheck, batch: Batch, mask: Uint8Array, out: Uint8Array): void {
  if (check.kernel) return check.kernel(batch, mask, out);
  for (let row = 0; row < batch.size; row++) if (mask[row] === IN) out[row] = CODE_OF_STATUS[check.evaluate(new BatchRow(batch, row)).status];
}

/** Aggregate states: per aggregate rule, per group (region), plain data that merges exactly. */
export interface AggregateStates {
  groups: { group: string | null; state: unknown; scopeUnknown: number }[][];
}

export class Evaluator {
  private readonly grouping: { index: number[]; scopes: Applicability[] };
  private readonly aggregateGrouping: { index: number[]; scopes: Applicability[] };
  private readonly groups: Map<string | null, { state: unknown; scopeUnknown: number }>[];

  readonly verdictRules: VerdictRules;
  private ruleKeys: string[] | undefined;
  private readonly seenWaivers = new Set<number>();

  constructor(readonly plan: Plan) {
    this.verdictRules = verdictRulesOf(plan);
    this.grouping = scopeGroups(plan.recordRules);
    this.aggregateGrouping = scopeGroups(plan.aggregateRules);
    this.groups = plan.aggregateRules.map(() => new Map());
  }

  evaluate(batch: Batch): EvaluatedBatch {
    const { plan } = this;
    const size = batch.size;
    // One zeroed buffer for every group's scope mask and start and every rule's statuses, each a view of
    // its own: a survey of 195 columns judged against every standard has hundreds of rules over batches
    // of a few hundred records, and a buffer apiece cost more to allocate and collect than to fill.
    const groups = this.grouping.scopes.length;
    const arena = new Uint8Array((2 * groups + plan.recordRules.length) * size);
    const slice = (at: number): Uint8Array => arena.subarray(at * size, (at + 1) * size);
    const masks = this.grouping.scopes.map((applies, group) => scopeMask(applies, batch, plan.year, slice(group)));
    // A scope group's statuses before any check: not applicable out of scope, unknown where the scope
    // could not be read. Each rule starts from a copy of its group's.
    const starts = masks.map((mask, group) => {
      const start = slice(groups + group);
      for (let row = 0; row < size; row++) if (mask[row] !== IN) start[row] = mask[row] === OUT ? NOT_APPLICABLE : UNKNOWN;
      return start;
    });
    const statuses = plan.recordRules.map((rule, i) => {
      const group = this.grouping.index[i] as number;
      const out = slice(2 * groups + i);
      out.set(starts[group] as Uint8Array);
      runCheck(rule.check as CompiledRecordCheck, batch, masks[group] as Uint8Array, out);
      return out;
    });
    if (plan.waiverRecords.size > 0) this.waive(batch, statuses);
    if (plan.aggregateRules.length > 0) this.accumulate(batch);
    const uncovered = plan.recordRules.map((rule, i) => isUncovered(rule, batch, statuses[i] as Uint8Array));
    const verdicts = this.verdictRules.verdicts(statuses, size);
    return {
      batch,
      statuses,
      verdicts,
      uncovered,
      results: (keep, from = 0, to = batch.size) => this.results(batch, statuses, uncovered, keep, from, to),
      records: () => this.records(batch, statuses, verdicts, uncovered),
    };
  }

  /** Failures and unknowns an approved waiver covers become waived; waivers whose record is seen are noted. */
  private waive(batch: Batch, statuses: readonly Uint8Array[]): void {
    const ids = Array.from({ length: batch.size }, (_, row) => textAt(batch, 'id', row));
    for (const id of ids) for (const index of (id !== null ? this.plan.waiverRecords.get(id) : undefined) ?? []) this.seenWaivers.add(index);
    this.plan.waivers.forEach((byRecord, i) => {
      if (byRecord.size === 0) return;
      const codes = statuses[i] as Uint8Array;
      for (let row = 0; row < batch.size; row++) {
        const id = ids[row];
        if ((codes[row] === FAIL || codes[row] === UNKNOWN) && id !== null && id !== undefined && byRecord.has(id)) codes[row] = WAIVED;
      }
    });
  }

  /** The waivers (by index) whose record some batch held. */
  waiversSeen(): number[] {
    return [...this.seenWaivers];
  }

  private records(batch: Batch, statuses: readonly Uint8Array[], verdicts: readonly Uint8Array[], uncovered: readonly boolean[]): RecordVerdict[] {
    const keys = (this.ruleKeys ??= this.plan.recordRules.map((rule) => `${rule.standard.id}/${rule.rule.id}`));
    const standards = this.verdictRules.standards;
    const records: RecordVerdict[] = [];
    for (let row = 0; row < batch.size; row++) {
      const failed: string[] = [];
      const unknown: string[] = [];
      const waived: string[] = [];
      for (let i = 0; i < statuses.length; i++) {
        const code = (statuses[i] as Uint8Array)[row];
        if (code === FAIL) failed.push(keys[i] as string);
        else if (code === UNKNOWN && uncovered[i] !== true) unknown.push(keys[i] as string);
        else if (code === WAIVED) waived.push(keys[i] as string);
      }
      const byStandard: Record<string, Verdict> = {};
      standards.forEach((id, at) => (byStandard[id] = VERDICT_OF_CODE[(verdicts[at] as Uint8Array)[row] as number] as Verdict));
      records.push({
        record: textAt(batch, 'id', row),
        name: textAt(batch, 'name', row),
        region: textAt(batch, 'region', row),
        file: batch.file,
        line: batch.lines[row] as number,
        sheet: batch.sheet,
        verdicts: byStandard,
        failed,
        unknown,
        waived,
      });
    }
    return records;
  }

  private accumulate(batch: Batch): void {
    const { plan } = this;
    const masks = this.aggregateGrouping.scopes.map((applies) => scopeMask(applies, batch, plan.year));
    const regions = Array.from({ length: batch.size }, (_, row) => textAt(batch, 'region', row));
    plan.aggregateRules.forEach((rule, i) => {
      const check = rule.check as CompiledAggregateCheck;
      const mask = masks[this.aggregateGrouping.index[i] as number] as Uint8Array;
      const inner = new Uint8Array(batch.size);
      if (check.inner) runCheck(check.inner, batch, mask, inner);
      const byGroup = this.groups[i] as Map<string | null, { state: unknown; scopeUnknown: number }>;
      for (let row = 0; row < batch.size; row++) {
        if (mask[row] === OUT) continue;
        const region = regions[row] as string | null;
        let group = byGroup.get(region);
        if (!group) byGroup.set(region, (group = { state: check.empty(), scopeUnknown: 0 }));
        if (mask[row] === SCOPE_UNKNOWN) group.scopeUnknown++;
        else check.add(group.state, batch, row, inner[row] as number);
      }
    });
  }

  /** The aggregate states so far, to merge into another evaluator's. */
  aggregateStates(): AggregateStates {
    return { groups: this.groups.map((byGroup) => [...byGroup].map(([group, { state, scopeUnknown }]) => ({ group, state, scopeUnknown }))) };
  }

  merge(states: AggregateStates, waiversSeen: readonly number[] = []): void {
    for (const index of waiversSeen) this.seenWaivers.add(index);
    states.groups.forEach((groups, i) => {
      const check = this.plan.aggregateRules[i]?.check as CompiledAggregateCheck | undefined;
      const byGroup = this.groups[i];
      if (!check || !byGroup) return;
      for (const { group, state, scopeUnknown } of groups) {
        const own = byGroup.get(group);
        if (!own) byGroup.set(group, { state, scopeUnknown });
        else {
          check.merge(own.state, state);
          own.scopeUnknown += scopeUnknown;
        }
      }
    });
  }

  /** The aggregate results, per rule and group (regions in Chinese collation order). */
  finish(): Result[] {
    const results: Result[] = [];
    this.plan.aggregateRules.forEach((rule, i) => {
      const check = rule.check as CompiledAggregateCheck;
      const byGroup = this.groups[i] as Map<string | null, { state: unknown; scopeUnknown: number }>;
      const where = (group: string | null): Where => ({ record: null, name: null, region: group, group, file: null, line: null, sheet: null, column: null });
      if (byGroup.size === 0) results.push(toResult(rule, { status: 'not_applicable', actual: null, expected: {}, reason: { type: 'no-records' } }, where(null)));
      const ordered = [...byGroup.entries()].sort(([a], [b]) => (a ?? '').localeCompare(b ?? '', 'zh'));
      for (const [group, { state, scopeUnknown }] of ordered) {
        let outcome = check.finish(state);
        // Records whose scope could not be read might belong to the group: the verdict cannot be trusted.
        if (scopeUnknown > 0 && outcome.status !== 'unknown') outcome = { ...outcome, status: 'unknown', reason: { type: 'share-undecided', unknown: scopeUnknown } };
        results.push(toResult(rule, outcome, where(group)));
      }
    });
    return results;
  }

  private results(batch: Batch, statuses: readonly Uint8Array[], uncovered: readonly boolean[], keep: Keep, from: number, to: number): Result[] {
    const { plan } = this;
    const results: Result[] = [];
    for (let row = from; row < Math.min(to, batch.size); row++) {
      let view: BatchRow | undefined;
      let where: Where | undefined;
      plan.recordRules.forEach((rule, i) => {
        const status = STATUS_OF_CODE[(statuses[i] as Uint8Array)[row] as number] as Status;
        if (!keep(status, rule, uncovered[i] === true)) return;
        view ??= new BatchRow(batch, row);
        where ??= {
          record: textAt(batch, 'id', row),
          name: textAt(batch, 'name', row),
          region: textAt(batch, 'region', row),
          group: null,
          file: batch.file,
          line: batch.lines[row] as number,
          sheet: batch.sheet,
          column: null,
        };
        const waiver = status === 'waived' && where.record !== null ? plan.waivers[i]?.get(where.record)?.info : undefined;
        results.push(toResult(rule, this.outcome(rule, view, status), { ...where, column: positionOf(batch, rule) }, view, waiver));
      });
    }
    return results;
  }

  /** The full outcome behind a status: the check explains itself, or the scope says why it does not apply. */
  private outcome(rule: CompiledRule, view: RecordView, status: Status): Outcome {
    const scope = inScope(rule.applies, view, this.plan.year);
    if (scope.status === 'out') return { status: 'not_applicable', actual: null, expected: {}, reason: scope.reason };
    if (scope.status === 'unknown') return { status: 'unknown', actual: null, expected: {}, reason: scope.reason };
    const outcome = (rule.check as CompiledRecordCheck).evaluate(view);
    // The kernel and the check agree by contract; the status counted is the one shown.
    return outcome.status === status ? outcome : { ...outcome, status };
  }
}

/** A rule the batch cannot feed: a field it needs has no column, and so no record was judged. */
function isUncovered(rule: CompiledRule, batch: Batch, codes: Uint8Array): boolean {
  if (fieldsNeeded(rule).every((field) => batch.columns.has(field))) return false;
  for (let row = 0; row < batch.size; row++) if (codes[row] === PASS || codes[row] === FAIL) return false;
  return true;
}

function positionOf(batch: Batch, rule: CompiledRule): number | null {
  const field = rule.fields[0];
  return field === undefined ? null : (batch.columns.get(field)?.position ?? null);
}

interface Where {
  record: string | null;
  name: string | null;
  region: string | null;
  group: string | null;
  file: string | null;
  line: number | null;
  sheet: string | null;
  column: number | null;
}

function conversionsOf(rule: CompiledRule, view: RecordView | undefined): Result['conversions'] {
  if (!view) return undefined;
  let found: Result['conversions'];
  for (const field of rule.fields) {
    const parsed = view.get(field);
    if (parsed.ok && parsed.converted) (found ??= []).push({ field, ...parsed.converted });
  }
  return found;
}

// Built field by field in one fixed order: millions are made per run, and one shape keeps them cheap.
function toResult(rule: CompiledRule, outcome: Outcome, where: Where, view?: RecordView, waiver?: WaiverInfo): Result {
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
    column: where.column,
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
    ...(waiver ? { waiver } : {}),
  };
}

/** Evaluate a stream of batches; the aggregate results come from `evaluator.finish()` at the end. */
export async function* evaluateBatches(evaluator: Evaluator, batches: AsyncIterable<Batch>): AsyncGenerator<EvaluatedBatch> {
  for await (const batch of batches) yield evaluator.evaluate(batch);
}
