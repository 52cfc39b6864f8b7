// tiered: the bound on a field depends on the band another field falls in (area tiers by household count).
import { boundsText, fieldLabel, fieldUnit, formatNumber } from '../../i18n/quantities.js';
import type { CheckSpec, Requirement } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { EPSILON, fieldSchema, judgeBounds, minAboveMax, NUMERIC, numberSchema, readNumber, unknownAll } from './shared.js';
import { CELL_OK } from '../../batch.js';
import { FAIL, IN, NOT_APPLICABLE, PASS, UNKNOWN } from '../status.js';

// The schema's anyOf asks a tier for at least one of min and max.
export interface Tier {
  from?: number;
  below?: number;
  min?: number;
  max?: number;
}

export interface TieredCheck extends CheckSpec {
  kind: 'tiered';
  field: string;
  /** The field whose value picks the tier. */
  by: string;
  tiers: Tier[];
}

/** The bounds of the tier whose band holds `value`, or undefined when no tier does. */
function tierRequirement(check: TieredCheck, value: number): Requirement | undefined {
  const tier = check.tiers.find((t) => (t.from === undefined || value >= t.from) && (t.below === undefined || value < t.below));
  if (!tier) return undefined;
  const expected: Requirement = { basis: { by: check.by, value, tier: { from: tier.from, below: tier.below } } };
  if (tier.min !== undefined) expected.min = tier.min;
  if (tier.max !== undefined) expected.max = tier.max;
  return expected;
}

export const tiered: CheckKind<TieredCheck> = {
  kind: 'tiered',
  aggregate: false,
  summary: { zh: '按分档（如户数段）确定的下限/上限', en: 'bound chosen by the band another field falls in' },
  schema: {
    type: 'object',
    required: ['kind', 'field', 'by', 'tiers'],
    additionalProperties: false,
    properties: {
      kind: { const: 'tiered' },
      field: fieldSchema,
      by: fieldSchema,
      tiers: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          additionalProperties: false,
          anyOf: [{ required: ['min'] }, { required: ['max'] }],
          properties: { from: numberSchema, below: numberSchema, min: numberSchema, max: numberSchema },
        },
      },
    },
  },
  fieldsRead: (check) => [
    { option: 'field', field: check.field, types: NUMERIC },
    { option: 'by', field: check.by, types: NUMERIC },
  ],
  lint(check) {
    return check.tiers.flatMap((tier, i) => {
      if (minAboveMax(tier)) return [{ path: ['tiers', i], code: 'bad-threshold' as const, params: { rule: 'min-above-max' } }];
      if (tier.from !== undefined && tier.below !== undefined && tier.from >= tier.below) {
        return [{ path: ['tiers', i], code: 'bad-threshold' as const, params: { rule: 'from-not-below' } }];
      }
      return [];
    });
  },
  describe(check, w) {
    const tiers = check.tiers.map((tier) => {
      const band = [tier.from !== undefined ? `≥ ${formatNumber(tier.from)}` : '', tier.below !== undefined ? `< ${formatNumber(tier.below)}` : ''].filter(Boolean).join(' ');
      return `${fieldLabel(w, check.by)} ${band || (w.lang === 'zh' ? '任意' : 'any')} → ${boundsText(tier.min, tier.max, fieldUnit(w, check.field))}`;
    });
    return `${fieldLabel(w, check.field)}: ${tiers.join('; ')}`;
  },
  demand(check, view) {
    const band = view.get(check.by);
    if (!band.ok || typeof band.value !== 'number') return { type: 'needs', fields: [check.by] };
    const expected = tierRequirement(check, band.value);
    return expected ? { type: 'requirement', requirement: expected } : { type: 'not_applicable' };
  },
  compile(check) {
    const field = check.field;
    const by = check.by;
    const tiers = check.tiers.map((tier) => ({
      from: tier.from ?? -Infinity,
      below: tier.below ?? Infinity,
      low: tier.min === undefined ? -Infinity : tier.min - EPSILON,
      high: tier.max === undefined ? Infinity : tier.max + EPSILON,
    }));
    return {
      type: 'record',
      kernel(batch, mask, out) {
        const band = batch.columns.get(by);
        const value = batch.columns.get(field);
        if (band?.type !== 'number') return unknownAll(mask, out, batch.size);
        for (let row = 0; row < batch.size; row++) {
          if (mask[row] !== IN) continue;
          if (band.state[row] !== CELL_OK) {
            out[row] = UNKNOWN;
            continue;
          }
          const at = band.values[row] as number;
          const tier = tiers.find((t) => at >= t.from && at < t.below);
          if (!tier) out[row] = NOT_APPLICABLE;
          else if (value?.type !== 'number' || value.state[row] !== CELL_OK) out[row] = UNKNOWN;
          else {
            const actual = value.values[row] as number;
            out[row] = actual < tier.low || actual > tier.high ? FAIL : PASS;
          }
        }
      },
      evaluate(view) {
        const band = readNumber(view, by, {});
        if (!band.ok) return band.outcome;
        const expected = tierRequirement(check, band.value);
        if (!expected) return { status: 'not_applicable', actual: null, expected: {}, reason: { type: 'no-tier' } };
        const value = readNumber(view, field, expected);
        return value.ok ? judgeBounds(value.value, expected) : value.outcome;
      },
    };
  },
};
