// compare: one field against another field of the same record ("把最大的空间供应给村(居)民活动、办事,
// 把最小的空间留作办公": activity space ≥ office space). Both must be read; either missing is unknown.
import { fieldLabel } from '../../i18n/quantities.js';
import type { CheckSpec, Requirement } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { EPSILON, fieldSchema, judgeBounds, NUMERIC, numberPairKernel, readNumber } from './shared.js';
import { FAIL, PASS } from '../status.js';

type Op = '>=' | '<=';

export interface CompareCheck extends CheckSpec {
  kind: 'compare';
  field: string;
  op?: Op;
  other: string;
}

function opOf(check: CompareCheck): Op {
  return check.op === '<=' ? '<=' : '>=';
}

/** The bound the other field's value sets, with where it comes from. */
function requirementFor(check: CompareCheck, value: number): Requirement {
  const basis = { other: check.other, value };
  return opOf(check) === '>=' ? { min: value, basis } : { max: value, basis };
}

export const compare: CheckKind<CompareCheck> = {
  kind: 'compare',
  aggregate: false,
  summary: { zh: '一个字段不小于（或不大于）同一记录的另一字段', en: 'one field at least (or at most) another field of the same record' },
  schema: {
    type: 'object',
    required: ['kind', 'field', 'other'],
    additionalProperties: false,
    properties: { kind: { const: 'compare' }, field: fieldSchema, op: { enum: ['>=', '<='] }, other: fieldSchema },
  },
  fieldsRead: (check) => [
    { option: 'field', field: check.field, types: NUMERIC },
    { option: 'other', field: check.other, types: NUMERIC },
  ],
  lint(check, dictionary) {
    if (check.field === check.other) return [{ path: ['other'], code: 'bad-threshold', params: { rule: 'self-compare' } }];
    const unit = (field: string) => dictionary.fields.get(field)?.unit;
    const [a, b] = [unit(check.field), unit(check.other)];
    return a !== b ? [{ path: ['other'], code: 'bad-threshold', params: { rule: 'units-differ', detail: `${a ?? '—'} / ${b ?? '—'}` } }] : [];
  },
  describe: (check, w) => `${fieldLabel(w, check.field)} ${opOf(check) === '>=' ? '≥' : '≤'} ${fieldLabel(w, check.other)}`,
  demand(check, view) {
    const other = view.get(check.other);
    if (!other.ok || typeof other.value !== 'number') return { type: 'needs', fields: [check.other] };
    return { type: 'requirement', requirement: requirementFor(check, other.value) };
  },
  compile(check) {
    const field = check.field;
    const other = check.other;
    const pending: Requirement = { basis: { other, value: Number.NaN } };
    const atLeast = opOf(check) === '>=';
    return {
      type: 'record',
      kernel: numberPairKernel(field, other, (actual, limit) => ((atLeast ? actual < limit - EPSILON : actual > limit + EPSILON) ? FAIL : PASS)),
      evaluate(view) {
        const bound = readNumber(view, other, pending);
        if (!bound.ok) return bound.outcome;
        const expected = requirementFor(check, bound.value);
        const value = readNumber(view, field, expected);
        return value.ok ? judgeBounds(value.value, expected) : value.outcome;
      },
    };
  },
};
