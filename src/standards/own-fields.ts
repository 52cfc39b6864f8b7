// Fields a standard declares itself (`fields:`), for the data its own rules read that the data
// dictionary lacks: checked like the dictionary's entries and against them, then joined to the
// dictionary for the run (headers, templates, validate, the survey schema).
import { DabiaoError, type Problem } from '../errors.js';
import type { Dictionary, FieldDef, Standard } from '../model.js';
import { normaliseHeader } from '../text.js';
import { suggest } from './suggest.js';
import type { DataPath } from './yaml-source.js';

export interface FieldData {
  type: FieldDef['type'];
  unit?: string;
  label: { zh: string; en?: string };
  aliases?: string[];
  min?: number;
  max?: number;
  vocabulary?: string;
  values?: Record<string, { zh: string; en?: string; aliases?: string[] }>;
}

type Report = (path: DataPath, code: Problem['code'], params: Problem['params'], key?: boolean) => void;

/** A field as the dictionary holds it; English falls back to Chinese. */
function fieldDef(id: string, data: FieldData): FieldDef {
  const values = data.values
    ? Object.fromEntries(Object.entries(data.values).map(([code, value]) => [code, { zh: value.zh, en: value.en ?? value.zh, aliases: value.aliases ?? [] }]))
    : undefined;
  return {
    id,
    type: data.type,
    label: { zh: data.label.zh, en: data.label.en ?? data.label.zh },
    aliases: data.aliases ?? [],
    ...(data.unit !== undefined ? { unit: data.unit } : {}),
    ...(data.min !== undefined ? { min: data.min } : {}),
    ...(data.max !== undefined ? { max: data.max } : {}),
    ...(data.vocabulary !== undefined ? { vocabulary: data.vocabulary } : {}),
    ...(values ? { values } : {}),
  };
}

function headerNames(field: FieldDef): string[] {
  return [field.id, field.label.zh, field.label.en, ...field.aliases];
}

/** What a field means, for a message: its labels, type and unit (worded in i18n/problems.ts). */
function meaning(field: FieldDef): { label_zh: string; label_en: string; type: string; unit: string } {
  return { label_zh: field.label.zh, label_en: field.label.en, type: field.type, unit: field.unit ?? '' };
}

/** The same field twice (a standard and the one it extends, or two standards of a run): same type and unit. */
export function sameMeaning(a: FieldDef, b: FieldDef): boolean {
  return a.type === b.type && a.unit === b.unit;
}

/** The dictionary with `fields` joined; a field it already has with the same meaning is left as it is. */
export function withFields(dictionary: Dictionary, fields: readonly FieldDef[]): Dictionary {
  const added = fields.filter((field) => !dictionary.fields.has(field.id));
  if (added.length === 0) return dictionary;
  return { ...dictionary, fields: new Map([...dictionary.fields, ...added.map((field) => [field.id, field] as const)]) };
}

/**
 * A standard's own fields checked against `dictionary` (which already holds the fields of the standard
 * it extends): each problem reported at its place in the standard. Returns the fields as definitions.
 */
export function ownFields(written: Readonly<Record<string, FieldData>> | undefined, dictionary: Dictionary, report: Report): FieldDef[] {
  if (written === undefined || written === null || typeof written !== 'object') return [];
  const owners = new Map<string, string>();
  for (const field of dictionary.fields.values()) for (const name of headerNames(field)) owners.set(normaliseHeader(name), field.id);
  const fields: FieldDef[] = [];
  for (const [id, data] of Object.entries(written)) {
    if (data === null || typeof data !== 'object' || typeof data.label !== 'object' || data.label === null || typeof data.label.zh !== 'string') continue;
    const field = fieldDef(id, data);
    const here: DataPath = ['fields', id];
    const known = dictionary.fields.get(id);
    if (known) {
      if (!sameMeaning(known, field)) report(here, 'field-clash', { field: id, ...meaning(known) }, true);
      continue;
    }
    if (field.unit !== undefined && !dictionary.units.has(field.unit)) {
      const suggestion = suggest(field.unit, dictionary.units.keys());
      report([...here, 'unit'], 'field-unknown-unit', { field: id, unit: field.unit, ...(suggestion ? { suggestion } : {}) });
    }
    if ((field.type === 'enum') !== (field.values !== undefined)) report(here, 'field-enum-values', { field: id }, true);
    if (field.vocabulary !== undefined && (field.type !== 'list' || !dictionary.vocabularies.has(field.vocabulary))) {
      report([...here, 'vocabulary'], 'field-unknown-vocabulary', { field: id, vocabulary: field.vocabulary });
    }
    for (const name of headerNames(field)) {
      const key = normaliseHeader(name);
      const other = owners.get(key);
      if (other !== undefined && other !== id) {
        report(here, 'field-header-taken', { field: id, name, other }, true);
        break;
      }
      owners.set(key, id);
    }
    fields.push(field);
  }
  return fields;
}

/** The run's dictionary: the bundled one and every chosen standard's own fields. Two standards giving
 * one field id two meanings is an error at the second. */
export function runDictionary(dictionary: Dictionary, standards: readonly Standard[]): Dictionary {
  const added = new Map<string, { field: FieldDef; standard: Standard }>();
  for (const standard of standards) {
    for (const field of standard.fields ?? []) {
      const other = added.get(field.id);
      if (other && !sameMeaning(other.field, field)) {
        throw new DabiaoError({ code: 'field-clash', params: { field: field.id, standard: other.standard.id, ...meaning(other.field) }, location: { file: standard.file } });
      }
      if (!other) added.set(field.id, { field, standard });
    }
  }
  return withFields(dictionary, [...added.values()].map(({ field }) => field));
}
