// Tally results into the evidence an acceptance needs: per rule and per standard, how many records
// passed, failed, could not be judged and were out of scope, and what blocks a green run.
import type { Severity, Status } from '../model.js';
import type { CompiledRule, Plan } from './compile.js';
import type { ResultBatch } from './evaluate.js';

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
  /** Counts by standard, then rule: two lookups, no key strings built per result. */
  private readonly ruleCounts = new Map<string, Map<string, Counts>>();
  private readonly recordVerdicts = new Map<string, StandardSummary['records']>();

  constructor(private readonly plan: Plan) {
    for (const rule of plan.rules) {
      let byRule = this.ruleCounts.get(rule.standard.id);
      if (!byRule) this.ruleCounts.set(rule.standard.id, (byRule = new Map()));
      byRule.set(rule.rule.id, zero());
    }
    for (const rule of plan.rules) this.recordVerdicts.set(rule.standard.id, { compliant: 0, non_compliant: 0, unknown: 0, not_applicable: 0 });
  }

  add(batch: ResultBatch): void {
    if (batch.record) this.records++;
    const verdicts = new Map<string, Status>();
    const count = (standard: string, rule: string, status: Status, severity: Severity, due: boolean): void => {
      this.results[status]++;
      const counts = this.ruleCounts.get(standard)?.get(rule);
      if (counts) counts[status]++;
      const judged = status === 'fail' || status === 'unknown';
      if (judged && !due) this.notYetDue++;
      else if (judged && severity === 'required') this.blocking[status as 'fail' | 'unknown']++;
      else if (status === 'fail' && severity === 'guidance') this.warnings++;
      if (batch.record && severity === 'required' && due) verdicts.set(standard, worse(verdicts.get(standard), status));
    };
    if (batch.statuses) {
      const rules = this.plan.recordRules;
      batch.statuses.forEach((status, i) => {
        const rule = rules[i] as CompiledRule;
        count(rule.standard.id, rule.rule.id, status, rule.rule.severity, rule.due);
      });
    } else {
      for (const result of batch.results) count(result.standard, result.rule, result.status, result.severity, result.due);
    }
    if (!batch.record) return;
    for (const [standard, verdict] of verdicts) {
      const tally = this.recordVerdicts.get(standard);
      if (!tally) continue;
      if (verdict === 'pass') tally.compliant++;
      else if (verdict === 'fail') tally.non_compliant++;
      else if (verdict === 'unknown') tally.unknown++;
      else tally.not_applicable++;
    }
  }

  finish(): Summary {
    const rules = this.plan.rules.map((rule: CompiledRule): RuleSummary => {
      const counts = this.ruleCounts.get(rule.standard.id)?.get(rule.rule.id) ?? zero();
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
    const standardIds = [...new Set(this.plan.rules.map((rule) => rule.standard.id))];
    const standards = standardIds.map((id): StandardSummary => {
      const counts = zero();
      const own = rules.filter((rule) => rule.standard === id);
      for (const rule of own) for (const status of Object.keys(counts) as Status[]) counts[status] += rule.counts[status];
      return {
        standard: id,
        rules: own.length,
        counts,
        pass_rate: passRate(counts),
        records: this.recordVerdicts.get(id) ?? { compliant: 0, non_compliant: 0, unknown: 0, not_applicable: 0 },
      };
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

// A record's verdict under a standard is its worst required result: fail > unknown > pass > n/a.
const RANK: Record<Status, number> = { not_applicable: 0, pass: 1, unknown: 2, fail: 3 };
function worse(a: Status | undefined, b: Status): Status {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

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
