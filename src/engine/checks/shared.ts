// Small helpers shared by the check kinds: reading typed values and judging numeric bounds.
import type { Outcome, Reason, Requirement } from '../../model.js';
import type { RecordView } from '../../batch.js';
import { CELL_OK, type ItemList, type Value } from '../../batch.js';
import type { Kernel } from './check-kind.js';
import { FAIL, IN, PASS, UNKNOWN } from '../status.js';
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
export const EPSILON = 1e-9;

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

/** The optional bounds several kinds share (threshold, count, mean, share, a tier). */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

export function bounds(check: Bounds): Requirement {
  const requirement: Requirement = {};
  if (typeof check.min === 'number') requirement.min = check.min;
  if (typeof check.max === 'number') requirement.max = check.max;
  return requirement;
}

export const NUMERIC = ['number', 'integer'] as const;

export const fieldSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } as const;
export const numberSchema = { type: 'number' } as const;

export function minAboveMax(check: Bounds): boolean {
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

/** For each in-scope row, the status a number's bounds give it: unknown when the cell holds no number. */
export function boundsKernel(field: string, min: number | undefined, max: number | undefined): Kernel {
  const low = min === undefined ? -Infinity : min - EPSILON;
  const high = max === undefined ? Infinity : max + EPSILON;
  return (batch, mask, out) => {
    const column = batch.columns.get(field);
    const size = batch.size;
    if (column?.type !== 'number') return unknownAll(mask, out, size);
    const { state, values } = column;
    for (let row = 0; row < size; row++) {
      if (mask[row] !== IN) continue;
      if (state[row] !== CELL_OK) out[row] = UNKNOWN;
      else {
        const value = values[row] as number;
        out[row] = value < low || value > high ? FAIL : PASS;
      }
    }
  };
}

/** For each in-scope row, the status `judge` gives two numbers (the row's `first` and `second` fields):
 * unknown unless both cells hold a number. */
export function numberPairKernel(first: string, second: string, judge: (a: number, b: number) => number): Kernel {
  return (batch, mask, out) => {
    const a = batch.columns.get(first);
    const b = batch.columns.get(second);
    if (a?.type !== 'number' || b?.type !== 'number') return unknownAll(mask, out, batch.size);
    for (let row = 0; row < batch.size; row++) {
      if (mask[row] !== IN) continue;
      out[row] = a.state[row] !== CELL_OK || b.state[row] !== CELL_OK ? UNKNOWN : judge(a.values[row] as number, b.values[row] as number);
    }
  };
}

/** Every in-scope row unknown: the file has no column for the field. */
export function unknownAll(mask: Uint8Array, out: Uint8Array, size: number): void {
  for (let row = 0; row < size; row++) if (mask[row] === IN) out[row] = UNKNOWN;
}

/**
 * For each in-scope row, the status of its list, judged once per distinct list (lists are interned, so
 * the same facilities list in a million rows is judged once).
 */
export function listKernel(field: string, judge: (list: ItemList) => number): Kernel {
  // Keyed by the list itself: list ids are only unique within one reading (a worker reads many chunks).
  const judged = new WeakMap<ItemList, number>();
  return (batch, mask, out) => {
    const column = batch.columns.get(field);
    const size = batch.size;
    if (column?.type !== 'list') return unknownAll(mask, out, size);
    const { state, values } = column;
    for (let row = 0; row < size; row++) {
      if (mask[row] !== IN) continue;
      const list = values[row];
      if (state[row] !== CELL_OK || list === undefined) {
        out[row] = UNKNOWN;
        continue;
      }
      let status = judged.get(list);
      if (status === undefined) {
        status = judge(list);
        judged.set(list, status);
      }
      out[row] = status;
    }
  };
}
