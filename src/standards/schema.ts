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

export const STANDARD_SCHEMA = {
  $id: 'https://dabiao.dev/schemas/standard.json',
  title: 'dabiao standard',
  type: 'object',
  required: ['id', 'title', 'source', 'rules'],
  additionalProperties: false,
  properties: {
    id,
    title: text,
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
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['id', 'title', 'severity', 'check', 'citation'],
        additionalProperties: false,
        properties: {
          id,
          title: text,
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
          severity: { enum: ['required', 'guidance'] },
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
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...STANDARD_SCHEMA,
    properties: {
      ...STANDARD_SCHEMA.properties,
      rules: { ...rules, items: { ...rules.items, properties: { ...rules.items.properties, check } } },
    },
  };
}

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
      additionalProperties: {
        type: 'object',
        required: ['type', 'label'],
        additionalProperties: false,
        properties: {
          type: { enum: ['string', 'integer', 'number', 'boolean', 'enum', 'list', 'date'] },
          unit: { type: 'string' },
          label: text,
          aliases: nameList,
          min: { type: 'number' },
          max: { type: 'number' },
          vocabulary: { type: 'string', ...key },
          values: {
            type: 'object',
            propertyNames: key,
            additionalProperties: {
              type: 'object',
              required: ['zh', 'en'],
              additionalProperties: false,
              properties: { zh: { type: 'string' }, en: { type: 'string' }, aliases: nameList },
            },
          },
        },
      },
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
