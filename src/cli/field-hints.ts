// The fields the chosen standards read, and what the rules ask of each (bounds, named items, categories,
// yes or no), so example values (a template's example row, a benchmark's survey) can be made to meet them.
import { checkKinds } from '../engine/checks/index.js';
import type { CheckSpec, Standard } from '../model.js';
import { checksWithin, fieldUses } from '../standards/kind-definition.js';

/** Every field the chosen standards read, with the scope fields and the record id. */
export function neededFields(standards: readonly Standard[]): Set<string> {
  const fields = new Set<string>(['id']);
  for (const rule of standards.flatMap((standard) => standard.rules)) {
    for (const use of fieldUses(rule.check, checkKinds)) fields.add(use.field);
    for (const field of Object.keys(rule.scope ?? {})) fields.add(field);
    if (rule.year) fields.add('year');
  }
  return fields;
}

export interface FieldHints {
  mins: number[];
  maxes: number[];
  items: Set<string>;
  /** Category checklists (一厅七站…): how many entries end in each suffix. */
  groups: { min: number; suffix: string }[];
  expectFalse: boolean;
  /** Smallest maximum of a count rule on this list field. */
  countMax: number | undefined;
  /** How many rules scope to each value of this field (village, rural …). */
  scope: Map<string, number>;
}

export function collectHints(standards: readonly Standard[], options: { schedules?: boolean } = {}): Map<string, FieldHints> {
  const hints = new Map<string, FieldHints>();
  const of = (field: string): FieldHints => {
    let hint = hints.get(field);
    if (!hint) hints.set(field, (hint = { mins: [], maxes: [], items: new Set(), groups: [], expectFalse: false, countMax: undefined, scope: new Map() }));
    return hint;
  };
  const visit = (outer: CheckSpec): void => {
    for (const { check, kind } of checksWithin(outer, checkKinds)) {
      for (const use of kind.fieldsRead(check)) {
        const hint = of(use.field);
        if (use.option !== 'field') continue;
        if (typeof check.min === 'number') hint.mins.push(check.min);
        if (typeof check.max === 'number') hint.maxes.push(check.max);
        if (Array.isArray(check.items)) for (const item of check.items) hint.items.add(String(item));
        for (const group of Array.isArray(check.groups) ? (check.groups as { min: number; items?: string[]; suffix?: string }[]) : []) {
          for (const item of group.items ?? []) hint.items.add(item);
          if (group.suffix) hint.groups.push({ min: group.min, suffix: group.suffix });
        }
        if (check.kind === 'boolean' && check.expected === false) hint.expectFalse = true;
        if (check.kind === 'count' && typeof check.max === 'number') hint.countMax = Math.min(hint.countMax ?? Infinity, check.max);
      }
    }
  };
  for (const rule of standards.flatMap((standard) => standard.rules)) {
    visit(rule.check);
    // The benchmark meets every dated target; a template shows the rule as written.
    if (options.schedules) for (const entry of rule.schedule ?? []) visit({ ...rule.check, ...entry });
    for (const [field, values] of Object.entries(rule.scope ?? {})) {
      for (const value of values ?? []) of(field).scope.set(value, (of(field).scope.get(value) ?? 0) + 1);
    }
  }
  return hints;
}

/** Names that fill each category: 示例1站, 示例2站 … */
export function groupFillers(hint: FieldHints | undefined, name: (index: number, suffix: string) => string): string[] {
  return (hint?.groups ?? []).flatMap((group) => Array.from({ length: group.min }, (_, i) => name(i + 1, group.suffix)));
}
