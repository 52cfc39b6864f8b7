// Tally results into the evidence an acceptance needs: per rule and per standard, how many records
// passed, failed, could not be judged and were out of scope, and what blocks a green run.
import type { Severity, Status } from '../model.js';
import type { CompiledRule, Plan } from './compile.js';
import type { Result } from '../model.js';
import { CODE_OF_STATUS, STATUS_OF_CODE } from './status.js';

export type Counts = Record<Status, number>;

export interface RuleSummary {
  standard: string;
  rule: string;
  severity: Severity;
  due: boolean;
  deadline: string | null;
  aggregate: boolean;
  counts: Counts;
  /** passed / (passed + failed + unknown); null when nothing was judged. */
  pass_rate: number | null;
}

export interface StandardSummary {
  standard: string;
  rules: number;
  counts: Counts;
  pass_rate: number | null;
  /** Records by their verdict under this standard (due, required rules only). */
  records: { compliant: number; non_compliant: number; unknown: number; not_applicable: number };
}

export interface Summary {
  as_of: string;
  records: number;
  results: Counts;
  /** Required, due rules that failed or could not be judged: these make the exit code 1. */
  blocking: { fail: number; unknown: number };
  /** Failed guidance (一般/力争) rules: warnings. */
  warnings: number;
  /** Failures and unknowns of rules whose deadline has not come yet. */
  not_yet_due: number;
  standards: StandardSummary[];
  rules: RuleSummary[];
}

const zero = (): Counts => ({ pass: 0, fail: 0, unknown: 0, not_applicable: 0 });

function passRate(counts: Counts): number | null {
  const judged = counts.pass + counts.fail + counts.unknown;
  return judged === 0 ? null : Math.round((counts.pass / judged) * 10_000) / 10_000;
}

export class SummaryBuilder {
  private records = 0;
  private readonly results = zero();
  private readonly blocking = { fail: 0, unknown: 0 };
  private warnings = 0;
  private notYetDue = 0;
  /** Per rule of the plan (plan.rules order), its counts by status code. */
  private readonly counts: Float64Array;
  private readonly ruleIndex: Map<CompiledRule, number>;
  private readonly standardIds: string[];
  /** Per standard: compliant, non-compliant, unknown, not applicable records. */
  private readonly verdicts: Float64Array;
  /** Per per-record rule: its standard's index, and whether it decides a verdict (required and due). */
  private readonly recordStandard: Int32Array;
  private readonly recordBlocking: Uint8Array;

  constructor(private readonly plan: Plan) {
    this.counts = new Float64Array(plan.rules.length * 4);
    this.ruleIndex = new Map(plan.rules.map((rule, i) => [rule, i]));
    this.standardIds = [...new Set(plan.rules.map((rule) => rule.standard.id))];
    this.verdicts = new Float64Array(this.standardIds.length * 4);
    this.recordStandard = Int32Array.from(plan.recordRules, (rule) => this.standardIds.indexOf(rule.standard.id));
    this.recordBlocking = Uint8Array.from(plan.recordRules, (rule) => (rule.rule.severity === 'required' && rule.due ? 1 : 0));
  }

  /** Count a batch's status arrays (plan.recordRules order). */
  addBatch(statuses: readonly Uint8Array[], size: number): void {
    this.records += size;
    statuses.forEach((codes, i) => {
      const rule = this.plan.recordRules[i] as CompiledRule;
      const base = (this.ruleIndex.get(rule) as number) * 4;
      const tally = [0, 0, 0, 0];
      for (let row = 0; row < size; row++) (tally[codes[row] as number] as number)++;
      tally.forEach((count, code) => {
        if (count > 0) this.count(rule, code, count, base);
      });
    });
    // A record's verdict under a standard: its worst required, due result (fail > unknown > pass > n/a).
    const standards = this.standardIds.length;
    const worst = new Uint8Array(standards);
    for (let row = 0; row < size; row++) {
      worst.fill(0);
      for (let i = 0; i < statuses.length; i++) {
        if (this.recordBlocking[i] !== 1) continue;
        const rank = RANK_OF_CODE[(statuses[i] as Uint8Array)[row] as number] as number;
        const at = this.recordStandard[i] as number;
        if (rank > (worst[at] as number)) worst[at] = rank;
      }
      for (let at = 0; at < standards; at++) (this.verdicts[at * 4 + VERDICT_OF_RANK[worst[at] as number]!] as number)++;
    }
  }

  /** Count results given in full (the aggregate results at the end). */
  addResults(results: readonly Result[]): void {
    for (const result of results) {
      const rule = this.plan.rules.find((r) => r.standard.id === result.standard && r.rule.id === result.rule);
      if (rule) this.count(rule, CODE_OF_STATUS[result.status], 1, (this.ruleIndex.get(rule) as number) * 4);
    }
  }

  /** Merge the counts of another builder of the same plan (a worker's). */
  merge(other: SummaryState): void {
    this.records += other.records;
    other.counts.forEach((value, i) => (this.counts[i] = (this.counts[i] as number) + value));
    other.verdicts.forEach((value, i) => (this.verdicts[i] = (this.verdicts[i] as number) + value));
    for (const status of Object.keys(this.results) as Status[]) this.results[status] += other.results[status];
    this.blocking.fail += other.blocking.fail;
    this.blocking.unknown += other.blocking.unknown;
    this.warnings += other.warnings;
    this.notYetDue += other.notYetDue;
  }

  state(): SummaryState {
    return { records: this.records, counts: [...this.counts], verdicts: [...this.verdicts], results: { ...this.results }, blocking: { ...this.blocking }, warnings: this.warnings, notYetDue: this.notYetDue };
  }

  private count(rule: CompiledRule, code: number, count: number, base: number): void {
    const status = STATUS_OF_CODE[code] as Status;
    this.results[status] += count;
    this.counts[base + code] = (this.counts[base + code] as number) + count;
    const judged = status === 'fail' || status === 'unknown';
    if (judged && !rule.due) this.notYetDue += count;
    else if (judged && rule.rule.severity === 'required') this.blocking[status as 'fail' | 'unknown'] += count;
    else if (status === 'fail' && rule.rule.severity === 'guidance') this.warnings += count;
  }

  finish(): Summary {
    const rules = this.plan.rules.map((rule: CompiledRule, i): RuleSummary => {
      const counts = countsOf(this.counts, i);
      return {
        standard: rule.standard.id,
        rule: rule.rule.id,
        severity: rule.rule.severity,
        due: rule.due,
        deadline: rule.deadline,
        aggregate: rule.check.type === 'aggregate',
        counts,
        pass_rate: passRate(counts),
      };
    });
    const standards = this.standardIds.map((id, at): StandardSummary => {
      const counts = zero();
      const own = rules.filter((rule) => rule.standard === id);
      for (const rule of own) for (const status of Object.keys(counts) as Status[]) counts[status] += rule.counts[status];
      const v = (k: number): number => this.verdicts[at * 4 + k] as number;
      return { standard: id, rules: own.length, counts, pass_rate: passRate(counts), records: { compliant: v(0), non_compliant: v(1), unknown: v(2), not_applicable: v(3) } };
    });
    return {
      as_of: this.plan.asOf,
      records: this.records,
      results: { ...this.results },
      blocking: { ...this.blocking },
      warnings: this.warnings,
      not_yet_due: this.notYetDue,
      standards,
      rules,
    };
  }
}

/** A builder's counts as plain data, to merge into another's. */
export interface SummaryState {
  records: number;
  counts: number[];
  verdicts: number[];
  results: Counts;
  blocking: { fail: number; unknown: number };
  warnings: number;
  notYetDue: number;
}

function countsOf(counts: Float64Array, rule: number): Counts {
  const at = rule * 4;
  return { pass: counts[at] as number, fail: counts[at + 1] as number, unknown: counts[at + 2] as number, not_applicable: counts[at + 3] as number };
}

// Status code -> rank for a verdict (n/a 0 < pass 1 < unknown 2 < fail 3), and rank -> verdict slot
// (compliant 0, non-compliant 1, unknown 2, not applicable 3).
const RANK_OF_CODE = [1, 3, 2, 0];
const VERDICT_OF_RANK = [3, 0, 2, 1];

/**
 * What makes exit code 1: `fail`, definite failures of required rules; `unknown` (the default), also
 * required rules that could not be judged; `guidance`, also failed guidance rules.
 */
export function exitCodeFor(summary: Summary, failOn: 'fail' | 'unknown' | 'guidance' = 'unknown'): 0 | 1 {
  let count = summary.blocking.fail;
  if (failOn !== 'fail') count += summary.blocking.unknown;
  if (failOn === 'guidance') count += summary.warnings;
  return count > 0 ? 1 : 0;
}
