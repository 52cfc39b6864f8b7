// checklist: a list field must name every required item ("1+8"), or enough items per category
// ("一厅七站七室两栏一校一场地": at least 7 entries ending in 站, …).
import { fieldLabel, listText } from '../../i18n/quantities.js';
import type { CheckSpec, Outcome, Requirement, Text } from '../../model.js';
import { vocabularyOf } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { fieldSchema, listKernel, normalisedSet, readList } from './shared.js';
import { FAIL, PASS } from '../status.js';
import { normaliseName } from '../../text.js';

// The schema's anyOf asks a group for items, a suffix or both.
export interface ChecklistGroup {
  name: Text;
  min: number;
  items?: string[];
  suffix?: string;
}

export interface ChecklistItemsCheck extends CheckSpec {
  kind: 'checklist';
  field: string;
  items: string[];
  groups?: undefined;
}

export interface ChecklistGroupsCheck extends CheckSpec {
  kind: 'checklist';
  field: string;
  items?: undefined;
  groups: ChecklistGroup[];
}

/** The schema's oneOf: a checklist names either required items or groups, never both. */
export type ChecklistCheck = ChecklistItemsCheck | ChecklistGroupsCheck;

const itemList = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 500 } as const;

export const checklist: CheckKind<ChecklistCheck> = {
  kind: 'checklist',
  aggregate: false,
  summary: { zh: '清单字段必须包含指定条目（或每类不少于若干项）', en: 'list field must contain the named items (or enough per category)' },
  schema: {
    type: 'object',
    required: ['kind', 'field'],
    additionalProperties: false,
    oneOf: [{ required: ['items'] }, { required: ['groups'] }],
    properties: {
      kind: { const: 'checklist' },
      field: fieldSchema,
      items: { ...itemList, minItems: 1 },
      groups: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          required: ['name', 'min'],
          additionalProperties: false,
          anyOf: [{ required: ['items'] }, { required: ['suffix'] }],
          properties: {
            name: {
              type: 'object',
              required: ['zh', 'en'],
              additionalProperties: false,
              properties: { zh: { type: 'string' }, en: { type: 'string' } },
            },
            min: { type: 'integer', minimum: 1 },
            items: itemList,
            suffix: { type: 'string', minLength: 1, maxLength: 20 },
          },
        },
      },
    },
  },
  fieldsRead: (check) => [{ option: 'field', field: check.field, types: ['list'], byName: true }],
  itemsNamed(check) {
    const field = check.field;
    const items = (check.items ?? []).map((item, i) => ({ path: ['items', i], field, item }));
    const groups = check.groups ?? [];
    return [...items, ...groups.flatMap((group, g) => (group.items ?? []).map((item, i) => ({ path: ['groups', g, 'items', i], field, item })))];
  },
  describe(check, w) {
    const label = fieldLabel(w, check.field);
    if (check.items) return `${label} ⊇ ${listText(check.items, w.lang)}`;
    const groups = check.groups.map((g) => `${g.name[w.lang]} ≥ ${g.min}${g.items ? ` (${listText(g.items, w.lang)})` : g.suffix ? ` (…${g.suffix})` : ''}`);
    return `${label}: ${groups.join(w.lang === 'zh' ? '，' : '; ')}`;
  },
  demand(check, _view, { dictionary }) {
    const vocabulary = vocabularyOf(dictionary, check.field);
    const canonical = (item: string): string => vocabulary.get(normaliseName(item)) ?? item;
    if (check.items) return { type: 'requirement', requirement: { items: check.items.map(canonical) } };
    const groups = check.groups.map((g) => ({ name: g.name, min: g.min, ...(g.items ? { items: g.items.map(canonical) } : {}), ...(g.suffix ? { suffix: g.suffix } : {}) }));
    return { type: 'requirement', requirement: { groups } };
  },
  compile(check, { dictionary }) {
    const field = check.field;
    const vocabulary = vocabularyOf(dictionary, field);
    const canonical = (item: string): string => vocabulary.get(normaliseName(item)) ?? item;
    if (check.items) {
      const items = check.items.map(canonical);
      const wanted = items.map(normaliseName);
      const expected: Requirement = { items };
      return {
        type: 'record',
        kernel: listKernel(field, (list) => (wanted.every((name) => list.keys.has(name)) ? PASS : FAIL)),
        evaluate(view): Outcome {
          const list = readList(view, field, expected);
          if (!list.ok) return list.outcome;
          const have = normalisedSet(list.value);
          const missing = items.filter((_, i) => !have.has(wanted[i] as string));
          return missing.length === 0
            ? { status: 'pass', actual: list.value, expected, reason: { type: 'ok' } }
            : { status: 'fail', actual: list.value, expected, gap: missing.length, reason: { type: 'missing-items', items: missing } };
        },
      };
    }
    const groups = check.groups.map((group) => ({
      ...group,
      members: new Set((group.items ?? []).map((item) => normaliseName(canonical(item)))),
      suffix: group.suffix === undefined ? undefined : normaliseName(group.suffix),
    }));
    const expected: Requirement = { groups: groups.map((group) => ({ name: group.name, min: group.min })) };
    const have = (group: (typeof groups)[number], names: ReadonlySet<string>): number => {
      let count = 0;
      for (const name of names) if (group.members.has(name) || (group.suffix !== undefined && name.endsWith(group.suffix))) count++;
      return count;
    };
    return {
      type: 'record',
      kernel: listKernel(field, (list) => (groups.every((group) => have(group, list.keys) >= group.min) ? PASS : FAIL)),
      evaluate(view): Outcome {
        const list = readList(view, field, expected);
        if (!list.ok) return list.outcome;
        const names = normalisedSet(list.value);
        const tally = groups.map((group) => {
          let have = 0;
          for (const name of names) if (group.members.has(name) || (group.suffix !== undefined && name.endsWith(group.suffix))) have++;
          const missing = group.items?.filter((item) => !names.has(normaliseName(canonical(item))));
          return { name: group.name, have, need: group.min, ...(missing && missing.length > 0 && have < group.min ? { missing } : {}) };
        });
        const short = tally.filter((group) => group.have < group.need);
        return short.length === 0
          ? { status: 'pass', actual: list.value, expected, reason: { type: 'ok' } }
          : {
              status: 'fail',
              actual: list.value,
              expected,
              gap: short.reduce((sum, group) => sum + group.need - group.have, 0),
              reason: { type: 'group-short', groups: short },
            };
      },
    };
  },
};
