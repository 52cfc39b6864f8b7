// Tally results into the evidence an acceptance needs: per rule and per standard, how many records
// passed, failed, could not be judged and were out of scope, and what blocks a green run.
import type { Severity, Status } from '../model.js';
import { fieldsNeeded, type CompiledRule, type Plan } from './compile.js';
import type { Result } from '../model.js';
import { CODE_OF_STATUS, STATUS_OF_CODE } from './status.js';
import type { EvaluatedBatch } from './evaluate.js';
import { CELL_OK, type Column } from '../batch.js';

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
  /** Records by their verdict under this standard (verdicts.ts); `unknown` is the older name of `undetermined`. */
  records: { compliant: number; non_compliant: number; undetermined: number; unknown: number; not_applicable: number };
}

/** Records by verdict under one standard in one region; a region path (锡山区/东港镇) is rolled up at each level. */
export interface RegionSummary {
  /** The region as written, or its first levels for a roll-up; null for records without a region. */
  region: string | null;
  /** 1 for the top level of a region path, 2 for the next … */
  level: number;
  standard: string;
  records: number;
  compliant: number;
  non_compliant: number;
  undetermined: number;
  not_applicable: number;
}

/** Rules of a standard that some input could not feed at all: a field they need has no column there. */
export interface Coverage {
  standard: string;
  uncovered: { rule: string; fields: string[]; severity: Severity; due: boolean; files: string[] }[];
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
  regions: RegionSummary[];
}

/** Status codes per rule in the counts (pass, fail, unknown, not applicable, waived). */
const STATUSES = 5;

/** Distinct regions counted apart; records of further regions are counted under no region. */
const REGION_LIMIT = 10_000;

/** A region path's levels: "锡山区/东港镇" → ["锡山区", "锡山区/东港镇"]. */
export function regionLevels(region: string | null): (string | null)[] {
  if (region === null) return [null];
  const parts = region.split(/[/／]/).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length <= 1) return [parts[0] ?? region];
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** A row's region, where the batch has a region column and the row a region in it. (A function of the
 * module, not a closure made per batch: optimised code calling a closure expects that one closure,
 * and gave up at the next batch's.) */
function regionAt(regions: Column | undefined, row: number): string | null {
  return regions?.type === 'text' && regions.state[row] === CELL_OK ? (regions.values[row] ?? null) : null;
}

const zero = (): Counts => ({ pass: 0, fail: 0, unknown: 0, not_applicable: 0, waived: 0 });

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
  /** Per standard: compliant, non-compliant, undetermined, not applicable records. */
  private readonly verdicts: Float64Array;
  /** Per region path (each level): per standard, the same four counts. */
  private readonly regions = new Map<string | null, Float64Array>();
  /** Per input file: which per-record rules some batch could feed, and the fields it had columns for. */
  private readonly files = new Map<string, { covered: Uint8Array; fields: Set<string> }>();

  constructor(private readonly plan: Plan) {
    this.counts = new Float64Array(plan.rules.length * STATUSES);
    this.ruleIndex = new Map(plan.rules.map((rule, i) => [rule, i]));
    this.standardIds = [...new Set(plan.rules.map((rule) => rule.standard.id))];
    this.verdicts = new Float64Array(this.standardIds.length * 4);
  }

  /**
   * Count a batch's statuses and verdicts, by region, and what its file could feed. Each loop is a
   * function of its own: optimised in the middle of a loop, one function holding them all had never
   * run its later parts (a chunk's first batch is its only one), and in some runs that code was entered
   * and gave up again on every batch after (134 times in a worker over 1,000,000 rows).
   */
  addBatch(evaluated: EvaluatedBatch): void {
    const { statuses, verdicts, batch } = evaluated;
    const size = batch.size;
    this.records += size;
    const rules = this.plan.recordRules;
    for (let i = 0; i < statuses.length; i++) this.countStatuses(rules[i] as CompiledRule, statuses[i] as Uint8Array, size);
    this.countVerdicts(verdicts, batch.columns.get('region'), size);
    if (batch.file !== '') this.addCoverage(batch.file, evaluated);
  }

  /** Per status code, the rows of one rule's statuses that hold it. */
  private readonly tally = new Float64Array(STATUSES);

  private countStatuses(rule: CompiledRule, codes: Uint8Array, size: number): void {
    const tally = this.tally.fill(0);
    for (let row = 0; row < size; row++) (tally[codes[row] as number] as number)++;
    const base = (this.ruleIndex.get(rule) as number) * STATUSES;
    for (let code = 0; code < STATUSES; code++) if ((tally[code] as number) > 0) this.count(rule, code, tally[code] as number, base);
  }

  private countVerdicts(verdicts: readonly Uint8Array[], regions: Column | undefined, size: number): void {
    const standards = this.standardIds.length;
    // The first row's region looked up before the loop: the loop's own lookup runs only when the region
    // changes (optimised code compiled mid-loop had never seen it, and gave up on every batch).
    let lastText = size > 0 ? regionAt(regions, 0) : null;
    let lastTallies = size > 0 ? this.talliesOf(lastText) : [];
    for (let row = 0; row < size; row++) {
      const text = regionAt(regions, row);
      // Records of one region usually come together; otherwise a region's tallies (one per level of
      // its path) are remembered by its text.
      if (text !== lastText) {
        lastText = text;
        lastTallies = this.talliesOf(text);
      }
      for (let at = 0; at < standards; at++) {
        const slot = at * 4 + ((verdicts[at] as Uint8Array)[row] as number);
        this.verdicts[slot] = (this.verdicts[slot] as number) + 1;
        for (const tally of lastTallies) tally[slot] = (tally[slot] as number) + 1;
      }
    }
  }

  private readonly tallies = new Map<string | null, Float64Array[]>();

  private talliesOf(text: string | null): Float64Array[] {
    let tallies = this.tallies.get(text);
    if (!tallies) {
      tallies = regionLevels(text).map((region) => this.regionTally(region));
      if (this.tallies.size < REGION_LIMIT) this.tallies.set(text, tallies);
    }
    return tallies;
  }

  private regionTally(region: string | null): Float64Array {
    let tally = this.regions.get(region);
    if (!tally) {
      if (this.regions.size >= REGION_LIMIT) return this.regionTally(null);
      this.regions.set(region, (tally = new Float64Array(this.standardIds.length * 4)));
    }
    return tally;
  }

  private addCoverage(file: string, evaluated: EvaluatedBatch): void {
    let seen = this.files.get(file);
    if (!seen) this.files.set(file, (seen = { covered: new Uint8Array(this.plan.recordRules.length), fields: new Set() }));
    for (const field of evaluated.batch.columns.keys()) seen.fields.add(field);
    evaluated.uncovered.forEach((uncovered, i) => {
      if (!uncovered) (seen as { covered: Uint8Array }).covered[i] = 1;
    });
  }

  /** Per standard, the rules some input file could not feed at all, with the fields it lacked. */
  coverage(): Coverage[] {
    return this.standardIds.map((standard) => {
      const uncovered: Coverage['uncovered'] = [];
      this.plan.recordRules.forEach((rule, i) => {
        if (rule.standard.id !== standard) return;
        const files: string[] = [];
        const fields = new Set<string>();
        for (const [file, seen] of this.files) {
          if (seen.covered[i] === 1) continue;
          files.push(file);
          for (const field of fieldsNeeded(rule)) if (!seen.fields.has(field)) fields.add(field);
        }
        if (files.length > 0) uncovered.push({ rule: rule.rule.id, fields: [...fields], severity: rule.rule.severity, due: rule.due, files });
      });
      return { standard, uncovered };
    });
  }

  /** Count results given in full (the aggregate results at the end). */
  addResults(results: readonly Result[]): void {
    for (const result of results) {
      const rule = this.plan.rules.find((r) => r.standard.id === result.standard && r.rule.id === result.rule);
      if (rule) this.count(rule, CODE_OF_STATUS[result.status], 1, (this.ruleIndex.get(rule) as number) * STATUSES);
    }
  }

  /** Merge the counts of another builder of the same plan (a worker's). */
  merge(other: SummaryState): void {
    this.records += other.records;
    other.counts.forEach((value, i) => (this.counts[i] = (this.counts[i] as number) + value));
    other.verdicts.forEach((value, i) => (this.verdicts[i] = (this.verdicts[i] as number) + value));
    for (const [region, counts] of other.regions) {
      const tally = this.regionTally(region);
      counts.forEach((value, i) => (tally[i] = (tally[i] as number) + value));
    }
    for (const { file, covered, fields } of other.files) {
      let seen = this.files.get(file);
      if (!seen) this.files.set(file, (seen = { covered: new Uint8Array(this.plan.recordRules.length), fields: new Set() }));
      covered.forEach((value, i) => {
        if (value === 1) (seen as { covered: Uint8Array }).covered[i] = 1;
      });
      for (const field of fields) seen.fields.add(field);
    }
    for (const status of Object.keys(this.results) as Status[]) this.results[status] += other.results[status];
    this.blocking.fail += other.blocking.fail;
    this.blocking.unknown += other.blocking.unknown;
    this.warnings += other.warnings;
    this.notYetDue += other.notYetDue;
  }

  state(): SummaryState {
    return {
      records: this.records,
      counts: [...this.counts],
      verdicts: [...this.verdicts],
      regions: [...this.regions].map(([region, counts]) => [region, [...counts]]),
      files: [...this.files].map(([file, { covered, fields }]) => ({ file, covered: [...covered], fields: [...fields] })),
      results: { ...this.results }, blocking: { ...this.blocking }, warnings: this.warnings, notYetDue: this.notYetDue };
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
      return { standard: id, rules: own.length, counts, pass_rate: passRate(counts), records: { compliant: v(0), non_compliant: v(1), undetermined: v(2), unknown: v(2), not_applicable: v(3) } };
    });
    const regions: RegionSummary[] = [];
    const ordered = [...this.regions].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh')));
    for (const [region, tally] of ordered) {
      this.standardIds.forEach((standard, at) => {
        const v = (k: number): number => tally[at * 4 + k] as number;
        const records = v(0) + v(1) + v(2) + v(3);
        if (records === 0) return;
        regions.push({ region, level: region === null ? 1 : region.split('/').length, standard, records, compliant: v(0), non_compliant: v(1), undetermined: v(2), not_applicable: v(3) });
      });
    }
    return {
      as_of: this.plan.asOf,
      records: this.records,
      results: { ...this.results },
      blocking: { ...this.blocking },
      warnings: this.warnings,
      not_yet_due: this.notYetDue,
      standards,
      rules,
      regions,
    };
  }
}

/** A builder's counts as plain data, to merge into another's. */
export interface SummaryState {
  records: number;
  counts: number[];
  verdicts: number[];
  regions: [string | null, number[]][];
  files: { file: string; covered: number[]; fields: string[] }[];
  results: Counts;
  blocking: { fail: number; unknown: number };
  warnings: number;
  notYetDue: number;
}

function countsOf(counts: Float64Array, rule: number): Counts {
  const at = rule * STATUSES;
  return { pass: counts[at] as number, fail: counts[at + 1] as number, unknown: counts[at + 2] as number, not_applicable: counts[at + 3] as number, waived: counts[at + 4] as number };
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
