// ratio: a field scaled to another field ("每百户20平方米": 20 m² per 100 households => 0.2 m² per household).
import { boundsText, fieldLabel, fieldUnit, formatNumber } from '../../i18n/quantities.js';
import type { CheckSpec, Requirement } from '../../model.js';
import { roundNoise } from '../../numbers.js';
import type { CheckKind } from './check-kind.js';
import { EPSILON, fieldSchema, judgeBounds, NUMERIC, numberPairKernel, readNumber } from './shared.js';
import { FAIL, PASS } from '../status.js';

export interface RatioCheck extends CheckSpec {
  kind: 'ratio';
  field: string;
  per_field: string;
  amount: number;
  per: number;
  /** A floor under the proportional demand. */
  min?: number;
}

/** amount / per × base, never below the optional floor: 20 m² per 100 households × 1,234 = 246.8 m². */
function requirementFor(check: RatioCheck, base?: number): Requirement {
  const { per_field: perField, amount, per } = check;
  if (base === undefined) return { basis: { per_field: perField, amount, per, base: Number.NaN } };
  const demand = roundNoise((amount / per) * base);
  return { min: check.min === undefined ? demand : Math.max(check.min, demand), basis: { per_field: perField, amount, per, base } };
}

export const ratio: CheckKind<RatioCheck> = {
  kind: 'ratio',
  aggregate: false,
  summary: { zh: '按另一字段折算的下限（如每百户20平方米）', en: 'minimum proportional to another field (e.g. 20 m² per 100 households)' },
  schema: {
    type: 'object',
    required: ['kind', 'field', 'per_field', 'amount', 'per'],
    additionalProperties: false,
    properties: {
      kind: { const: 'ratio' },
      field: fieldSchema,
      per_field: fieldSchema,
      amount: { type: 'number', exclusiveMinimum: 0 },
      per: { type: 'number', exclusiveMinimum: 0 },
      min: { type: 'number', minimum: 0 },
    },
  },
  fieldsRead: (check) => [
    { option: 'field', field: check.field, types: NUMERIC },
    { option: 'per_field', field: check.per_field, types: NUMERIC },
  ],
  describe(check, w) {
    const amount = `${formatNumber(check.amount)}${fieldUnit(w, check.field)}`;
    const per = `${formatNumber(check.per)}${fieldUnit(w, check.per_field)}`;
    const floor = check.min !== undefined ? `, ${boundsText(check.min, undefined, fieldUnit(w, check.field))}` : '';
    return w.lang === 'zh'
      ? `${fieldLabel(w, check.field)} ≥ 每${per}${amount}（按${fieldLabel(w, check.per_field)}折算${floor}）`
      : `${fieldLabel(w, check.field)} ≥ ${amount} per ${per} (${fieldLabel(w, check.per_field)}${floor})`;
  },
  demand(check, view) {
    const base = view.get(check.per_field);
    if (!base.ok || typeof base.value !== 'number') return { type: 'needs', fields: [check.per_field] };
    return { type: 'requirement', requirement: requirementFor(check, base.value) };
  },
  compile(check) {
    const field = check.field;
    const perField = check.per_field;
    const requirement = (base?: number): Requirement => requirementFor(check, base);
    const factor = check.amount / check.per;
    const floor = check.min ?? -Infinity;
    return {
      type: 'record',
      // The same figures as requirementFor, row by row: the base is read first, then the field.
      kernel: numberPairKernel(field, perField, (value, base) => (value < Math.max(floor, roundNoise(factor * base)) - EPSILON ? FAIL : PASS)),
      evaluate(view) {
        const base = readNumber(view, perField, requirement());
        if (!base.ok) return base.outcome;
        const expected = requirement(base.value);
        const value = readNumber(view, field, expected);
        return value.ok ? judgeBounds(value.value, expected) : value.outcome;
      },
    };
  },
};
