// min / max / range: a numeric field against fixed bounds ("不少于350平方米", "COD ≤ 40 mg/L", "1500-3000户").
import { boundsText, fieldLabel, fieldUnit } from '../../i18n/quantities.js';
import type { CheckSpec } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { bounds, boundsKernel, fieldSchema, judgeBounds, minAboveMax, NUMERIC, numberSchema, readNumber } from './shared.js';

function thresholdKind(kind: 'min' | 'max' | 'range', required: string[], zh: string, en: string): CheckKind {
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
    fieldsRead: (check: CheckSpec) => [{ option: 'field', field: String(check.field), types: NUMERIC }],
    lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
    describe: (check, w) => `${fieldLabel(w, check.field)} ${boundsText(check.min, check.max, fieldUnit(w, check.field))}`,
    demand: (check) => ({ type: 'requirement', requirement: bounds(check) }),
    compile(check) {
      const field = String(check.field);
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

export const min = thresholdKind('min', ['min'], '数值不低于下限', 'value at least a minimum');
export const max = thresholdKind('max', ['max'], '数值不高于上限', 'value at most a maximum');
export const range = thresholdKind('range', ['min', 'max'], '数值在区间内（含端点）', 'value within an inclusive range');
