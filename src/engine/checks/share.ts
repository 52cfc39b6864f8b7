// share: an aggregate target on the share (in %) of records that pass a per-record check
// ("服务中心覆盖率达到90%"). Unknown records are never counted as passing: the group passes only if
// it would pass with all of them failing, and fails only if it would fail with all of them passing.
import { boundsText } from '../../i18n/quantities.js';
import type { CheckSpec, Outcome } from '../../model.js';
import type { CheckKind, CompiledAggregateCheck } from './check-kind.js';
import { NOT_APPLICABLE, PASS, UNKNOWN } from '../status.js';
import { bounds, minAboveMax } from './shared.js';
import { roundNoise } from '../../numbers.js';

const percent = { type: 'number', minimum: 0, maximum: 100 } as const;

// The schema's anyOf asks for at least one of min and max; each alone is optional.
export interface ShareCheck extends CheckSpec {
  kind: 'share';
  /** The per-record check whose passing records are counted; validated against its own kind's schema. */
  of: CheckSpec;
  /** Percent. */
  min?: number;
  max?: number;
}

export const share: CheckKind<ShareCheck> = {
  kind: 'share',
  aggregate: true,
  summary: { zh: '满足某项检查的记录占比（%）达到目标', en: 'share (%) of records passing a check meets a target' },
  schema: {
    type: 'object',
    required: ['kind', 'of'],
    additionalProperties: false,
    anyOf: [{ required: ['min'] }, { required: ['max'] }],
    properties: {
      kind: { const: 'share' },
      of: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
      min: percent,
      max: percent,
    },
  },
  fieldsRead: () => [],
  nested: (check) => [{ path: ['of'], check: check.of }],
  lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
  describe(check, w, nested) {
    const inner = nested(check.of);
    const target = boundsText(check.min, check.max, '%');
    return w.lang === 'zh' ? `满足「${inner}」的记录占比 ${target}` : `share of records with ${inner}: ${target}`;
  },
  compile(check, context) {
    const inner = context.compileRecordCheck(check.of);
    const expected = { ...bounds(check), unit: 'percent' };
    const compiled: CompiledAggregateCheck<ShareState> = {
      type: 'aggregate',
      inner,
      empty: () => ({ pass: 0, unknown: 0, total: 0 }),
      add(state, _batch, _row, status) {
        if (status === NOT_APPLICABLE) return;
        state.total++;
        if (status === PASS) state.pass++;
        else if (status === UNKNOWN) state.unknown++;
      },
      merge(into, other) {
        into.pass += other.pass;
        into.unknown += other.unknown;
        into.total += other.total;
      },
      finish({ pass, unknown, total }): Outcome {
        if (total === 0) return { status: 'not_applicable', actual: null, expected, reason: { type: 'no-records' } };
        const low = roundNoise((pass / total) * 100);
        const high = roundNoise(((pass + unknown) / total) * 100);
        const actual = { share: low, passed: pass, unknown, total };
        const meets = (value: number): boolean =>
          (expected.min === undefined || value >= expected.min - 1e-9) && (expected.max === undefined || value <= expected.max + 1e-9);
        if (meets(low) && meets(high)) return { status: 'pass', actual, expected, reason: { type: 'ok' } };
        if (!meets(low) && !meets(high)) {
          const gap = expected.min !== undefined && high < expected.min ? expected.min - high : low - (expected.max ?? low);
          return { status: 'fail', actual, expected, gap: roundNoise(gap), reason: { type: expected.min !== undefined && high < expected.min ? 'below-min' : 'above-max' } };
        }
        return { status: 'unknown', actual, expected, reason: { type: 'share-undecided', unknown } };
      },
    };
    return compiled as CompiledAggregateCheck;
  },
};

interface ShareState {
  pass: number;
  unknown: number;
  total: number;
}
