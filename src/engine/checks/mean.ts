// mean: an aggregate target on the average of a numeric field over the records in scope
// ("活动场所平均达到400平方米以上"). Any record missing the value leaves the average undecided.
import { boundsText, fieldLabel, fieldUnit } from '../../i18n/quantities.js';
import type { CheckSpec, Outcome } from '../../model.js';
import type { CheckKind, CompiledAggregateCheck } from './check-kind.js';
import { CELL_OK } from '../../batch.js';
import { bounds, fieldSchema, judgeBounds, minAboveMax, NUMERIC, numberSchema } from './shared.js';
import { roundNoise } from '../../numbers.js';

// The schema's anyOf asks for at least one of min and max; each alone is optional.
export interface MeanCheck extends CheckSpec {
  kind: 'mean';
  field: string;
  min?: number;
  max?: number;
}

export const mean: CheckKind<MeanCheck> = {
  kind: 'mean',
  aggregate: true,
  summary: { zh: '数值字段的平均值达到目标', en: 'average of a numeric field meets a target' },
  schema: {
    type: 'object',
    required: ['kind', 'field'],
    additionalProperties: false,
    anyOf: [{ required: ['min'] }, { required: ['max'] }],
    properties: { kind: { const: 'mean' }, field: fieldSchema, min: numberSchema, max: numberSchema },
  },
  fieldsRead: (check) => [{ option: 'field', field: check.field, types: NUMERIC }],
  lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
  describe(check, w) {
    const target = boundsText(check.min, check.max, fieldUnit(w, check.field));
    return w.lang === 'zh' ? `${fieldLabel(w, check.field)}平均值 ${target}` : `average ${fieldLabel(w, check.field)} ${target}`;
  },
  compile(check) {
    const field = check.field;
    const expected = bounds(check);
    const compiled: CompiledAggregateCheck<MeanState> = {
      type: 'aggregate',
      empty: () => ({ sum: 0, known: 0, unknown: 0 }),
      add(state, batch, row) {
        const column = batch.columns.get(field);
        if (column?.type === 'number' && column.state[row] === CELL_OK) {
          state.sum += column.values[row] as number;
          state.known++;
        } else state.unknown++;
      },
      merge(into, other) {
        into.sum += other.sum;
        into.known += other.known;
        into.unknown += other.unknown;
      },
      finish({ sum, known, unknown }): Outcome {
        const total = known + unknown;
        if (total === 0) return { status: 'not_applicable', actual: null, expected, reason: { type: 'no-records' } };
        const average = known > 0 ? roundNoise(sum / known) : null;
        const actual = { mean: average, known, unknown, total };
        if (unknown > 0 || average === null) return { status: 'unknown', actual, expected, reason: { type: 'mean-undecided', unknown } };
        return { ...judgeBounds(average, expected), actual };
      },
    };
    return compiled as CompiledAggregateCheck;
  },
};

interface MeanState {
  sum: number;
  known: number;
  unknown: number;
}
