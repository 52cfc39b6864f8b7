// count: how many distinct entries a list field holds (optionally only the named ones): "1-2支文体队伍".
import { boundsText, fieldLabel, listText } from '../../i18n/quantities.js';
import { vocabularyOf } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { bounds, fieldSchema, judgeBounds, listKernel, minAboveMax, readList } from './shared.js';
import { FAIL, PASS } from '../status.js';
import { normaliseName } from '../../text.js';

export const count: CheckKind = {
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
  fieldsRead: (check) => [{ option: 'field', field: String(check.field), types: ['list'], byName: Array.isArray(check.items) }],
  itemsNamed: (check) => (Array.isArray(check.items) ? (check.items as string[]).map((item, i) => ({ path: ['items', i], field: String(check.field), item })) : []),
  lint: (check) => (minAboveMax(check) ? [{ path: ['min'], code: 'bad-threshold', params: { rule: 'min-above-max' } }] : []),
  describe(check, w) {
    const label = fieldLabel(w, check.field);
    const only = Array.isArray(check.items) ? ` (${listText(check.items as string[], w.lang)})` : '';
    return `${w.lang === 'zh' ? `${label}条目数` : `entries of ${label}`} ${boundsText(check.min, check.max, '')}${only}`;
  },
  demand: (check) => ({ type: 'requirement', requirement: { ...bounds(check), count: true, ...(Array.isArray(check.items) ? { of: check.items as string[] } : {}) } }),
  compile(check, { dictionary }) {
    const field = String(check.field);
    const expected = { ...bounds(check), count: true, ...(Array.isArray(check.items) ? { of: check.items as string[] } : {}) };
    const only = Array.isArray(check.items)
      ? new Set((check.items as string[]).map((item) => normaliseName(vocabularyOf(dictionary, field).get(normaliseName(item)) ?? item)))
      : undefined;
    const low = typeof check.min === 'number' ? check.min : -Infinity;
    const high = typeof check.max === 'number' ? check.max : Infinity;
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
