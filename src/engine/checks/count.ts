// count: how many distinct entries a list field holds (optionally only the named ones): "1-2支文体队伍".
import { boundsText, fieldLabel, listText } from '../../i18n/quantities.js';
import { vocabularyOf, type CheckSpec } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { bounds, fieldSchema, judgeBounds, listKernel, minAboveMax, readList } from './shared.js';
import { FAIL, PASS } from '../status.js';
import { normaliseName } from '../../text.js';

// The schema's anyOf asks for at least one of min and max; each alone is optional.
export interface CountCheck extends CheckSpec {
  kind: 'count';
  field: string;
  min?: number;
  max?: number;
  /** Count only these entries. */
  items?: string[];
}

export const count: CheckKind<CountCheck> = {
  kind: 'count',
  aggregate: false,
  summary: { zh: '清单字段的条目数在区间内', en: 'number of entries of a list field within bounds' },
  schema: {
    type: 'object',
    required: ['kind', 'field'],
    additionalProperties: false,
    anyOf: [{ required: ['min'] }, { required: ['max'] }],
    properties: {
      kind: { const: 'count' },
      field: fieldSchema,
      min: { type: 'integer', minimum: 0 },
      max: { type: 'integer', minimum: 0 },
      items: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 500 },
    },
  },
  fieldsRead: (check) => [{ option: 'field', field: check.field, types: ['list'], byName: check.items !== undefined }],
  itemsNamed: (check) => (check.items ?? []).map((item, i) => ({ path: ['items', i], field: check.field, item })),
  lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
  describe(check, w) {
    const label = fieldLabel(w, check.field);
    const only = check.items ? ` (${listText(check.items, w.lang)})` : '';
    return `${w.lang === 'zh' ? `${label}条目数` : `entries of ${label}`} ${boundsText(check.min, check.max, '')}${only}`;
  },
  demand: (check) => ({ type: 'requirement', requirement: { ...bounds(check), count: true, ...(check.items ? { of: check.items } : {}) } }),
  compile(check, { dictionary }) {
    const field = check.field;
    const expected = { ...bounds(check), count: true, ...(check.items ? { of: check.items } : {}) };
    const only = check.items
      ? new Set(check.items.map((item) => normaliseName(vocabularyOf(dictionary, field).get(normaliseName(item)) ?? item)))
      : undefined;
    const low = check.min ?? -Infinity;
    const high = check.max ?? Infinity;
    return {
      type: 'record',
      kernel: listKernel(field, (list) => {
        let counted = 0;
        for (const item of list.items) if (!only || only.has(normaliseName(item))) counted++;
        return counted < low || counted > high ? FAIL : PASS;
      }),
      evaluate(view) {
        const list = readList(view, field, expected);
        if (!list.ok) return list.outcome;
        const counted = only ? list.value.filter((item) => only.has(normaliseName(item))) : list.value;
        return { ...judgeBounds(counted.length, expected), actual: counted.length };
      },
    };
  },
};
