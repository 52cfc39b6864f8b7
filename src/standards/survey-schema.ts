// The JSON Schema of one survey record in canonical form (field ids as keys, typed values), generated
// from the data dictionary: `dabiao schema survey` prints it, `dabiao validate` checks records with it.
import type { Dictionary, FieldDef } from '../model.js';

function fieldSchema(field: FieldDef): Record<string, unknown> {
  const base: Record<string, unknown> = { title: field.label.zh, description: field.label.en };
  if (field.unit) base['x-unit'] = field.unit;
  switch (field.type) {
    case 'number':
    case 'integer':
      return { ...base, type: field.type, ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'enum':
      return { ...base, enum: Object.keys(field.values ?? {}) };
    case 'list':
      return { ...base, type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };
    case 'date':
      return { ...base, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'string':
      return { ...base, type: 'string' };
  }
}

export function surveyRecordSchema(dictionary: Dictionary, required: readonly string[] = []): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of dictionary.fields.values()) properties[field.id] = fieldSchema(field);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://dabiao.dev/schemas/survey-record.json',
    title: 'dabiao survey record (canonical fields, typed values)',
    type: 'object',
    properties,
    additionalProperties: false,
    ...(required.length > 0 ? { required: [...required] } : {}),
  };
}
