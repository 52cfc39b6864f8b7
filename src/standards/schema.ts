// JSON Schemas for standard files and the data dictionary. The per-kind check schemas come from the
// check kinds themselves, so the schema printed by `dabiao schema standard` can never drift from them.
import type { KindDefinition } from './kind-definition.js';

const id = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 } as const;
const text = {
  type: 'object',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: { zh: { type: 'string', minLength: 1, maxLength: 500 }, en: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;
/** A title in Chinese, with an English one where the author gives it (reports fall back to Chinese). */
const title = {
  type: 'object',
  required: ['zh'],
  additionalProperties: false,
  properties: { zh: { type: 'string', minLength: 1, maxLength: 500 }, en: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;
/** Severities, also written as the texts write them. */
export const SEVERITY_WORDS_IN_FILES = { required: 'required', guidance: 'guidance', 必须: 'required', 指导: 'guidance' } as const;
const severity = { enum: Object.keys(SEVERITY_WORDS_IN_FILES) } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
/** A text written once, or in Chinese with an optional English version. */
const bilingual = (maxLength: number) =>
  ({
    anyOf: [
      { type: 'string', minLength: 1, maxLength },
      {
        type: 'object',
        required: ['zh'],
        additionalProperties: false,
        properties: { zh: { type: 'string', minLength: 1, maxLength }, en: { type: 'string', minLength: 1, maxLength } },
      },
    ],
  }) as const;
const scopeValue = { type: ['string', 'boolean', 'number'], minLength: 1, maxLength: 100 } as const;
const year = { type: 'integer', minimum: 1949, maximum: 2100 } as const;

const unitSchema = {
  type: 'object',
  required: ['symbol', 'suffixes'],
  additionalProperties: false,
  properties: {
    symbol: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    suffixes: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 50 },
    conversions: { type: 'object', propertyNames: { minLength: 1, maxLength: 20 }, additionalProperties: { type: 'number', exclusiveMinimum: 0 } },
  },
} as const;

const nameList = { type: 'array', maxItems: 200, items: { type: 'string', minLength: 1, maxLength: 100 } } as const;
const key = { pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 } as const;

/** A field as the dictionary defines it; a standard's own fields (`fields:`) have the same shape, their English label optional. */
function fieldSchema<Label>(label: Label) {
  return {
    type: 'object',
    required: ['type', 'label'],
    additionalProperties: false,
    properties: {
      type: { enum: ['string', 'integer', 'number', 'boolean', 'enum', 'list', 'date'] },
      unit: { type: 'string' },
      label,
      aliases: nameList,
      min: { type: 'number' },
      max: { type: 'number' },
      vocabulary: { type: 'string', ...key },
      values: {
        type: 'object',
        propertyNames: key,
        additionalProperties: {
          type: 'object',
          required: ['zh'],
          additionalProperties: false,
          properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 }, aliases: nameList },
        },
      },
    },
  } as const;
}

const RULE_SCHEMA = {
  type: 'object',
  required: ['id', 'title', 'severity', 'check', 'citation'],
  additionalProperties: false,
  properties: {
    id,
    title,
    scope: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 },
      additionalProperties: {
        anyOf: [scopeValue, { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: scopeValue }],
      },
    },
    year: {
      anyOf: [
        year,
        { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: year, to: year } },
      ],
    },
    severity,
    check: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
    deadline: date,
    schedule: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        required: ['due'],
        additionalProperties: false,
        anyOf: [{ required: ['min'] }, { required: ['max'] }],
        properties: { due: date, min: { type: 'number' }, max: { type: 'number' } },
      },
    },
    citation: {
      type: 'object',
      required: ['section', 'quote'],
      additionalProperties: false,
      properties: {
        section: { type: 'string', minLength: 1, maxLength: 300 },
        quote: {
          oneOf: [
            { type: 'string', minLength: 2, maxLength: 2000 },
            { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', minLength: 2, maxLength: 2000 } },
          ],
        },
      },
    },
    interpretation: bilingual(5000),
    interpreted: { type: 'boolean' },
  },
} as const;
const RULE_PROPERTIES = RULE_SCHEMA.properties;

export const STANDARD_SCHEMA = {
  $id: 'https://dabiao.dev/schemas/standard.json',
  title: 'dabiao standard',
  type: 'object',
  required: ['id', 'title', 'source'],
  additionalProperties: false,
  properties: {
    id,
    title,
    source: {
      type: 'object',
      required: ['document'],
      additionalProperties: false,
      properties: {
        seed: { type: 'string', maxLength: 200 },
        document: { type: 'string', minLength: 1, maxLength: 500 },
        issuer: { type: 'string', maxLength: 200 },
        year,
        section: { type: 'string', maxLength: 100 },
        notes: bilingual(20_000),
      },
    },
    rules: {
      type: 'array',
      maxItems: 1000,
      items: RULE_SCHEMA,
    },
    // Fields this standard reads that the data dictionary lacks: they join the dictionary for the run.
    fields: {
      type: 'object',
      maxProperties: 200,
      propertyNames: { pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 },
      additionalProperties: fieldSchema(title),
    },
    // A bundled standard's id, or a path relative to this file inside its folder: its rules are inherited.
    extends: { type: 'string', minLength: 1, maxLength: 300 },
    // Changes to inherited rules, each with the clause that makes it.
    overrides: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['rule', 'citation'],
        additionalProperties: false,
        properties: {
          rule: id,
          title,
          check: { type: 'object', properties: { kind: { type: 'string' } } },
          severity,
          scope: RULE_PROPERTIES.scope,
          year: RULE_PROPERTIES.year,
          deadline: date,
          schedule: RULE_PROPERTIES.schedule,
          disable: { type: 'boolean' },
          reason: bilingual(2000),
          citation: RULE_PROPERTIES.citation,
          interpretation: bilingual(5000),
          interpreted: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** The full schema with every kind's own check schema, for editors and other tools. */
export function composeStandardSchema(kinds: readonly KindDefinition[]): Record<string, unknown> {
  const check = {
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: kinds.map((kind) => kind.kind) } },
    allOf: kinds.map((kind) => ({ if: { properties: { kind: { const: kind.kind } } }, then: kind.schema })),
  };
  const rules = STANDARD_SCHEMA.properties.rules;
  const overrides = STANDARD_SCHEMA.properties.overrides;
  // An override's check holds only the options it changes: any kind's options, none required.
  const partialCheck = { type: 'object', properties: { kind: { enum: kinds.map((kind) => kind.kind) } } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...STANDARD_SCHEMA,
    properties: {
      ...STANDARD_SCHEMA.properties,
      rules: { ...rules, items: { ...rules.items, properties: { ...rules.items.properties, check } } },
      overrides: { ...overrides, items: { ...overrides.items, properties: { ...overrides.items.properties, check: partialCheck } } },
    },
  };
}

export const DICTIONARY_SCHEMA = {
  $id: 'https://dabiao.dev/schemas/dictionary.json',
  title: 'dabiao data dictionary',
  type: 'object',
  required: ['version', 'units', 'fields'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    units: { type: 'object', propertyNames: key, additionalProperties: unitSchema },
    fields: {
      type: 'object',
      propertyNames: key,
      additionalProperties: fieldSchema(text),
    },
    vocabularies: {
      type: 'object',
      propertyNames: key,
      additionalProperties: {
        type: 'object',
        propertyNames: { minLength: 1, maxLength: 100, not: { enum: ['__proto__', 'constructor', 'prototype'] } },
        additionalProperties: nameList,
      },
    },
  },
} as const;
