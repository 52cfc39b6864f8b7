// Load and validate the data dictionary: canonical fields, units and the item vocabularies of list fields.
import { DabiaoError, type Location, type Problem } from '../errors.js';
import type { Dictionary, FieldDef, UnitDef } from '../model.js';
import { neutraliseDeep, normaliseHeader, normaliseName } from '../text.js';
import { schemaProblems } from './ajv.js';
import { DICTIONARY_SCHEMA } from './schema.js';
import { validatorFor } from './schema-validators.js';
import { parseYaml, type DataPath, type YamlSource } from './yaml-source.js';

export interface DictionaryFile {
  units: Record<string, { symbol: { zh: string; en: string }; suffixes: string[]; conversions?: Record<string, number> }>;
  fields: Record<string, Omit<FieldDef, 'id' | 'aliases'> & { aliases?: string[] }>;
  vocabularies?: Record<string, Record<string, string[]>>;
}

export function parseDictionary(text: string, file: string): Dictionary {
  const source = parseYaml(text, file);
  return buildDictionary(dictionaryData(source), (path) => source.locate(path));
}

/** The dictionary file's content, schema-checked, with control characters neutralised. */
export function dictionaryData(source: YamlSource): DictionaryFile {
  const validateDictionary = validatorFor(DICTIONARY_SCHEMA);
  if (!validateDictionary(source.data)) {
    const problems = schemaProblems(validateDictionary.errors, source);
    throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  }
  return neutraliseDeep(source.data) as DictionaryFile;
}

/** The dictionary from its checked content: units, fields and vocabularies, each header and item name owned once. */
export function buildDictionary(data: DictionaryFile, locate: (path: DataPath) => Location): Dictionary {
  const source = { locate };
  const problems: Problem[] = [];
  const units = new Map<string, UnitDef>(Object.entries(data.units).map(([id, unit]) => [id, { id, ...unit }]));
  const fields = new Map<string, FieldDef>();
  for (const [id, field] of Object.entries(data.fields)) {
    if (field.unit !== undefined && !units.has(field.unit)) {
      problems.push({ code: 'dictionary-invalid', params: { path: `fields.${id}.unit`, rule: 'unknown-unit', value: field.unit }, location: source.locate(['fields', id, 'unit']) });
    }
    if ((field.type === 'enum') !== (field.values !== undefined)) {
      problems.push({ code: 'dictionary-invalid', params: { path: `fields.${id}`, rule: 'enum-values' }, location: source.locate(['fields', id]) });
    }
    const values = field.values
      ? Object.fromEntries(Object.entries(field.values).map(([key, value]) => [key, { ...value, aliases: value.aliases ?? [] }]))
      : undefined;
    fields.set(id, { ...field, id, aliases: field.aliases ?? [], ...(values ? { values } : {}) });
  }
  // A header must name one field only, or a survey column would silently go to whichever came first.
  const headerOwner = new Map<string, string>();
  for (const field of fields.values()) {
    for (const name of [field.id, field.label.zh, field.label.en, ...field.aliases]) {
      const key = normaliseHeader(name);
      const owner = headerOwner.get(key);
      if (owner !== undefined && owner !== field.id) {
        problems.push({ code: 'dictionary-invalid', params: { path: `fields.${field.id}`, rule: 'header-taken', value: name, other: owner }, location: source.locate(['fields', field.id]) });
      }
      headerOwner.set(key, owner ?? field.id);
    }
  }
  const vocabularies = new Map<string, Map<string, string>>();
  for (const [name, entries] of Object.entries(data.vocabularies ?? {})) {
    const vocabulary = new Map<string, string>();
    for (const [canonical, aliases] of Object.entries(entries)) {
      for (const alias of [canonical, ...aliases]) {
        const key = normaliseName(alias);
        const other = vocabulary.get(key);
        if (other !== undefined && other !== canonical) {
          problems.push({ code: 'dictionary-invalid', params: { path: `vocabularies.${name}.${canonical}`, rule: 'name-taken', value: alias, other }, location: source.locate(['vocabularies', name, canonical]) });
        }
        vocabulary.set(key, canonical);
      }
    }
    vocabularies.set(name, vocabulary);
  }
  for (const field of fields.values()) {
    if (field.vocabulary === undefined) continue;
    if (field.type !== 'list') {
      problems.push({ code: 'dictionary-invalid', params: { path: `fields.${field.id}.vocabulary`, rule: 'vocabulary-not-list' }, location: source.locate(['fields', field.id, 'vocabulary']) });
    } else if (!vocabularies.has(field.vocabulary)) {
      problems.push({ code: 'dictionary-invalid', params: { path: `fields.${field.id}.vocabulary`, rule: 'unknown-vocabulary', value: field.vocabulary }, location: source.locate(['fields', field.id, 'vocabulary']) });
    }
  }
  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  return { fields, vocabularies, units };
}
