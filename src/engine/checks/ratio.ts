// ratio: a field scaled to another field ("每百户20平方米": 20 m² per 100 households => 0.2 m² per household).
import { boundsText, fieldLabel, fieldUnit, formatNumber } from '../../i18n/quantities.js';
import type { Requirement } from '../../model.js';
import { roundNoise } from '../../survey/values.js';
import type { CheckKind } from './check-kind.js';
import { fieldSchema, judgeBounds, NUMERIC, readNumber } from './shared.js';

export const ratio: CheckKind = {
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
    { option: 'field', field: String(check.field), types: NUMERIC },
    { option: 'per_field', field: String(check.per_field), types: NUMERIC },
  ],
  describe(check, w) {
    const amount = `${formatNumber(Number(check.amount))}${fieldUnit(w, check.field)}`;
    const per = `${formatNumber(Number(check.per))}${fieldUnit(w, check.per_field)}`;
    const floor = typeof check.min === 'number' ? `, ${boundsText(check.min, undefined, fieldUnit(w, check.field))}` : '';
    return w.lang === 'zh'
      ? `${fieldLabel(w, check.field)} ≥ 每${per}${amount}（按${fieldLabel(w, check.per_field)}折算${floor}）`
      : `${fieldLabel(w, check.field)} ≥ ${amount} per ${per} (${fieldLabel(w, check.per_field)}${floor})`;
  },
  compile(check) {
    const field = String(check.field);
    const perField = String(check.per_field);
    const amount = Number(check.amount);
    const per = Number(check.per);
    const floor = typeof check.min === 'number' ? check.min : undefined;
    const requirementFor = (base?: number): Requirement => {
      if (base === undefined) return { basis: { per_field: perField, amount, per, base: Number.NaN } };
      const demand = roundNoise((amount / per) * base);
      return { min: floor === undefined ? demand : Math.max(floor, demand), basis: { per_field: perField, amount, per, base } };
    };
    return {
      type: 'record',
      evaluate(view) {
        const base = readNumber(view, perField, requirementFor());
        if (!base.ok) return base.outcome;
        const expected = requirementFor(base.value);
        const value = readNumber(view, field, expected);
        return value.ok ? judgeBounds(value.value, expected) : value.outcome;
      },
    };
  },
};
