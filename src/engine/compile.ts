// Compile standards once per run: pick the targets in force at --as-of, resolve scopes, and turn each
// check into a closure. Evaluating a record is then only closure calls.
import type { CheckSpec, Dictionary, Rule, Standard, WaiverInfo, YearRange } from '../model.js';
import type { CheckKind, CompiledCheck, CompileContext } from './checks/check-kind.js';
import { fieldUses } from '../standards/kind-definition.js';

export interface CompiledRule {
  standard: Standard;
  rule: Rule;
  /** Canonical fields the rule reads, scope fields excluded. */
  fields: string[];
  unit: string | undefined;
  due: boolean;
  deadline: string | null;
  /** Who the rule applies to: field values a record must hold, and the years of data its target is for. */
  applies: Applicability;
  check: CompiledCheck;
}

const needed = new WeakMap<CompiledRule, readonly string[]>();

/** Every field a rule reads or scopes on: a survey without a column for one cannot judge the rule.
 * Asked per batch for every rule, so worked out once per rule. */
export function fieldsNeeded(rule: CompiledRule): readonly string[] {
  let fields = needed.get(rule);
  if (!fields) needed.set(rule, (fields = [...new Set([...rule.fields, ...rule.applies.scope.map(({ field }) => field)])]));
  return fields;
}

export interface Applicability {
  scope: { field: string; values: ReadonlySet<string> }[];
  years: YearRange | null;
}

/** A waiver as the engine applies it: its index in the waivers file, by record id, per rule. */
export interface PlannedWaiver {
  index: number;
  info: WaiverInfo;
}

export interface Plan {
  rules: CompiledRule[];
  /** Per per-record rule (recordRules order): waivers in force by record id. */
  waivers: ReadonlyMap<string, PlannedWaiver>[];
  /** Every waiver in force, by record id: to tell which name a record the survey does not have. */
  waiverRecords: ReadonlyMap<string, readonly number[]>;
  /** Per-record rules, in the order of EvaluatedBatch.statuses. */
  recordRules: CompiledRule[];
  aggregateRules: CompiledRule[];
  dictionary: Dictionary;
  asOf: string;
  /** The year a survey's data is for when a record does not say (--year, or the year of --as-of). */
  year: number;
}

export interface CompileOptions {
  asOf: string;
  /** Default: the year of asOf. */
  year?: number;
  dictionary: Dictionary;
  kinds: ReadonlyMap<string, CheckKind>;
  /** Approved exceptions in force at asOf (standards/waivers.ts), in file order. */
  waivers?: readonly (WaiverInfo & { record: string; standard: string; rule: string })[];
}

/** The thresholds in force at `asOf`, and whether the rule is due yet. */
export function targetInForce(rule: Rule, asOf: string): { check: CheckSpec; due: boolean; deadline: string | null } {
  if (rule.schedule && rule.schedule.length > 0) {
    const passed = rule.schedule.filter((entry) => entry.due <= asOf);
    const entry = passed.at(-1) ?? rule.schedule[0];
    const check: CheckSpec = { ...rule.check };
    if (entry?.min !== undefined) check.min = entry.min;
    if (entry?.max !== undefined) check.max = entry.max;
    return { check, due: passed.length > 0, deadline: entry?.due ?? null };
  }
  if (rule.deadline !== undefined) return { check: rule.check, due: rule.deadline <= asOf, deadline: rule.deadline };
  return { check: rule.check, due: true, deadline: null };
}

/** What check kinds compile with: the dictionary, and a way to compile the checks nested in them. */
export function compileContext(dictionary: Dictionary, kinds: ReadonlyMap<string, CheckKind>): CompileContext {
  const context: CompileContext = {
    dictionary,
    compileRecordCheck(check) {
      const kind = kinds.get(check.kind);
      if (!kind) throw new Error(`check kind "${check.kind}" passed validation but is not registered`);
      const compiled = kind.compile(check, context);
      if (compiled.type !== 'record') throw new Error(`aggregate check "${check.kind}" cannot be nested`);
      return compiled;
    },
  };
  return context;
}

export function compile(standards: readonly Standard[], options: CompileOptions): Plan {
  const { dictionary, kinds } = options;
  const kindOf = (check: CheckSpec): CheckKind => {
    const kind = kinds.get(check.kind);
    if (!kind) throw new Error(`check kind "${check.kind}" passed validation but is not registered`);
    return kind;
  };
  const fieldsOf = (check: CheckSpec): string[] => [...new Set(fieldUses(check, kinds).map((use) => use.field))];
  const context = compileContext(dictionary, kinds);
  const rules = standards.flatMap((standard) =>
    standard.rules.map((rule): CompiledRule => {
      const target = targetInForce(rule, options.asOf);
      const fields = fieldsOf(rule.check);
      return {
        standard,
        rule,
        fields,
        unit: fields.map((field) => dictionary.fields.get(field)?.unit).find((unit) => unit !== undefined),
        due: target.due,
        deadline: target.deadline,
        applies: {
          scope: Object.entries(rule.scope ?? {}).map(([field, values]) => ({ field, values: new Set(values) })),
          years: rule.year ?? null,
        },
        check: kindOf(target.check).compile(target.check, context),
      };
    }),
  );
  const recordRules = rules.filter((rule) => rule.check.type === 'record');
  const waivers = recordRules.map(() => new Map<string, PlannedWaiver>());
  const waiverRecords = new Map<string, number[]>();
  (options.waivers ?? []).forEach((waiver, index) => {
    const at = recordRules.findIndex((rule) => rule.standard.id === waiver.standard && rule.rule.id === waiver.rule);
    const info: WaiverInfo = { reason: waiver.reason, approved_by: waiver.approved_by, approved_on: waiver.approved_on, expires: waiver.expires };
    if (at !== -1) waivers[at]?.set(waiver.record, { index, info });
    waiverRecords.set(waiver.record, [...(waiverRecords.get(waiver.record) ?? []), index]);
  });
  return {
    rules,
    waivers,
    waiverRecords,
    recordRules,
    aggregateRules: rules.filter((rule) => rule.check.type === 'aggregate'),
    dictionary,
    asOf: options.asOf,
    year: options.year ?? Number(options.asOf.slice(0, 4)),
  };
}
