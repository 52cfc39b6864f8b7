// min / max / range: a numeric field against fixed bounds ("不少于350平方米", "COD ≤ 40 mg/L", "1500-3000户").
import { boundsText, fieldLabel, fieldUnit } from '../../i18n/quantities.js';
import type { CheckSpec } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { bounds, boundsKernel, fieldSchema, judgeBounds, minAboveMax, NUMERIC, numberSchema, readNumber } from './shared.js';

export interface MinCheck extends CheckSpec {
  kind: 'min';
  field: string;
  min: number;
  max?: number;
}

export interface MaxCheck extends CheckSpec {
  kind: 'max';
  field: string;
  min?: number;
  max: number;
}

export interface RangeCheck extends CheckSpec {
  kind: 'range';
  field: string;
  min: number;
  max: number;
}

function thresholdKind<C extends MinCheck | MaxCheck | RangeCheck>(kind: C['kind'], required: string[], zh: string, en: string): CheckKind<C> {
  return {
    kind,
    aggregate: false,
    summary: { zh, en },
    schema: {
      type: 'object',
      required: ['kind', 'field', ...required],
      additionalProperties: false,
      properties: { kind: { const: kind }, field: fieldSchema, min: numberSchema, max: numberSchema },
    },
    fieldsRead: (check) => [{ option: 'field', field: check.field, types: NUMERIC }],
    lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
    describe: (check, w) => `${fieldLabel(w, check.field)} ${boundsText(check.min, check.max, fieldUnit(w, check.field))}`,
    demand: (check) => ({ type: 'requirement', requirement: bounds(check) }),
    compile(check) {
      const field = check.field;
      const expected = bounds(check);
      return {
        type: 'record',
        kernel: boundsKernel(field, expected.min, expected.max),
        evaluate(view) {
          const value = readNumber(view, field, expected);
          return value.ok ? judgeBounds(value.value, expected) : value.outcome;
        },
      };
    },
  };
}

export const min = thresholdKind<MinCheck>('min', ['min'], '数值不低于下限', 'value at least a minimum');
export const max = thresholdKind<MaxCheck>('max', ['max'], '数值不高于上限', 'value at most a maximum');
export const range = thresholdKind<RangeCheck>('range', ['min', 'max'], '数值在区间内（含端点）', 'value within an inclusive range');
