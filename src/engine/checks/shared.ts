// Small helpers shared by the check kinds: reading typed values and judging numeric bounds.
import type { Outcome, Reason, Requirement } from '../../model.js';
import type { RecordView } from '../../batch.js';
import type { Value } from '../../batch.js';
import { roundNoise } from '../../numbers.js';
import { rawText } from '../../text.js';
import { normaliseName } from '../../text.js';

export type Read<T> = { ok: true; value: T } | { ok: false; outcome: Outcome };

/** Read a field, turning a missing or unreadable value into an `unknown` outcome. */
export function read(view: RecordView, field: string, expected: Requirement): Read<Value> {
  const parsed = view.get(field);
  if (parsed.ok) return { ok: true, value: parsed.value };
  const reason: Reason =
    parsed.problem === 'missing'
      ? { type: 'missing', fields: [field] }
      : { type: 'unparseable', field, raw: parsed.raw, problem: parsed.problem };
  return { ok: false, outcome: { status: 'unknown', actual: parsed.problem === 'missing' ? null : rawText(parsed.raw), expected, reason } };
}

export function readNumber(view: RecordView, field: string, expected: Requirement): Read<number> {
  const result = read(view, field, expected);
  if (!result.ok) return result;
  if (typeof result.value !== 'number') {
    return { ok: false, outcome: { status: 'unknown', actual: rawText(result.value), expected, reason: { type: 'unparseable', field, raw: rawText(result.value), problem: 'unparseable' } } };
  }
  return { ok: true, value: result.value };
}

export function readList(view: RecordView, field: string, expected: Requirement): Read<readonly string[]> {
  const result = read(view, field, expected);
  if (!result.ok) return result;
  return { ok: true, value: Array.isArray(result.value) ? (result.value as readonly string[]) : [rawText(result.value)] };
}

// Tolerates float noise when a demand is computed (0.2 m² × 1,234 households).
const EPSILON = 1e-9;

/** Judge a number against inclusive bounds, with the gap to pass. */
export function judgeBounds(actual: number, expected: Requirement): Outcome {
  if (expected.min !== undefined && actual < expected.min - EPSILON) {
    return { status: 'fail', actual, expected, gap: roundNoise(expected.min - actual), reason: { type: 'below-min' } };
  }
  if (expected.max !== undefined && actual > expected.max + EPSILON) {
    return { status: 'fail', actual, expected, gap: roundNoise(actual - expected.max), reason: { type: 'above-max' } };
  }
  return { status: 'pass', actual, expected, reason: { type: 'ok' } };
}

export function bounds(check: Readonly<Record<string, unknown>>): Requirement {
  const requirement: Requirement = {};
  if (typeof check.min === 'number') requirement.min = check.min;
  if (typeof check.max === 'number') requirement.max = check.max;
  return requirement;
}

export const NUMERIC = ['number', 'integer'] as const;

export const fieldSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } as const;
export const numberSchema = { type: 'number' } as const;

export function minAboveMax(check: Readonly<Record<string, unknown>>): boolean {
  return typeof check.min === 'number' && typeof check.max === 'number' && check.min > check.max;
}

// A list is judged by several checklists per record: normalise its entries once.
const normalisedLists = new WeakMap<readonly string[], ReadonlySet<string>>();

export function normalisedSet(list: readonly string[]): ReadonlySet<string> {
  let set = normalisedLists.get(list);
  if (!set) {
    set = new Set(list.map(normaliseName));
    normalisedLists.set(list, set);
  }
  return set;
}
