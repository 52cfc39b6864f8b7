// The JSON Schema of the JSON report (`dabiao schema report`): the contract CI tools rely on.
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const counts = {
  type: 'object',
  required: ['pass', 'fail', 'unknown', 'not_applicable', 'waived'],
  additionalProperties: false,
  properties: { pass: { type: 'integer' }, fail: { type: 'integer' }, unknown: { type: 'integer' }, not_applicable: { type: 'integer' }, waived: { type: 'integer' } },
};
const verdict = { enum: ['compliant', 'non_compliant', 'undetermined', 'not_applicable'] };
const ruleKeys = { type: 'array', items: { type: 'string', pattern: '^[^/]+/[^/]+$' } };
const verdictCounts = {
  compliant: { type: 'integer', minimum: 0 },
  non_compliant: { type: 'integer', minimum: 0 },
  undetermined: { type: 'integer', minimum: 0 },
  not_applicable: { type: 'integer', minimum: 0 },
};
const waiver = {
  type: 'object',
  required: ['reason', 'approved_by', 'approved_on'],
  properties: { reason: { type: 'string' }, approved_by: { type: 'string' }, approved_on: { type: 'string' }, expires: nullable({ type: 'string' }) },
};
const citation = {
  type: 'object',
  required: ['section', 'quote'],
  properties: { section: { type: 'string' }, quote: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
};

export const REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dabiao.dev/schemas/report-1.json',
  title: 'dabiao JSON report, version 1',
  type: 'object',
  required: ['version', 'tool', 'as_of', 'lang', 'inputs', 'standards', 'results', 'records', 'coverage', 'summary'],
  properties: {
    version: { const: '1' },
    tool: { const: 'dabiao' },
    as_of: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    lang: { enum: ['zh', 'en'] },
    inputs: { type: 'array', items: { type: 'string' } },
    standards: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'document', 'rules'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          document: { type: 'string' },
          rules: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'severity', 'citation'],
              properties: { id: { type: 'string' }, title: { type: 'string' }, severity: { enum: ['required', 'guidance'] }, citation, interpretation: { type: 'string' } },
            },
          },
        },
      },
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['record', 'name', 'region', 'group', 'file', 'line', 'sheet', 'column', 'cell', 'standard', 'rule', 'title', 'fields', 'status', 'severity', 'due', 'deadline', 'actual', 'expected', 'gap', 'reason', 'message', 'citation'],
        properties: {
          record: nullable({ type: 'string' }),
          name: nullable({ type: 'string' }),
          region: nullable({ type: 'string' }),
          group: nullable({ type: 'string' }),
          file: nullable({ type: 'string' }),
          line: nullable({ type: 'integer', minimum: 1 }),
          sheet: nullable({ type: 'string' }),
          column: nullable({ type: 'integer', minimum: 1 }),
          cell: nullable({ type: 'string', pattern: '^[A-Z]+\\d+$' }),
          standard: { type: 'string' },
          rule: { type: 'string' },
          title: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' } },
          status: { enum: ['pass', 'fail', 'unknown', 'not_applicable', 'waived'] },
          // Present on a waived result: the approved exception that covers it.
          waiver,
          severity: { enum: ['required', 'guidance'] },
          due: { type: 'boolean' },
          deadline: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          actual: {},
          // Present, and true, only when `actual` was cut to the caps in src/report/clip.ts.
          actual_clipped: { const: true },
          expected: {
            type: 'object',
            properties: {
              min: { type: 'number' },
              max: { type: 'number' },
              equals: { type: 'boolean' },
              items: { type: 'array', items: { type: 'string' } },
              count: { type: 'boolean' },
              of: { type: 'array', items: { type: 'string' } },
              groups: { type: 'array' },
              pattern: { type: 'string' },
              unit: { type: 'string' },
              basis: { type: 'object' },
            },
            additionalProperties: false,
          },
          gap: nullable({ type: 'number' }),
          reason: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
          conversions: { type: 'array', items: { type: 'object', required: ['field', 'raw', 'from', 'factor'] } },
          message: { type: 'string', minLength: 1 },
          citation: nullable(citation),
        },
      },
    },
    // Every record, passing ones included, with its verdict under each standard.
    records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['record', 'name', 'region', 'file', 'line', 'sheet', 'verdicts', 'failed', 'unknown', 'waived'],
        additionalProperties: false,
        properties: {
          record: nullable({ type: 'string' }),
          name: nullable({ type: 'string' }),
          region: nullable({ type: 'string' }),
          file: { type: 'string' },
          line: { type: 'integer', minimum: 1 },
          sheet: nullable({ type: 'string' }),
          verdicts: { type: 'object', additionalProperties: verdict },
          failed: ruleKeys,
          unknown: ruleKeys,
          waived: ruleKeys,
        },
      },
    },
    // Per standard, the rules some input file has no column for: told once here, not under every record.
    coverage: {
      type: 'array',
      items: {
        type: 'object',
        required: ['standard', 'uncovered'],
        additionalProperties: false,
        properties: {
          standard: { type: 'string' },
          uncovered: {
            type: 'array',
            items: {
              type: 'object',
              required: ['rule', 'fields', 'severity', 'due', 'files'],
              additionalProperties: false,
              properties: { rule: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } }, severity: { enum: ['required', 'guidance'] }, due: { type: 'boolean' }, files: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
    },
    summary: {
      type: 'object',
      required: ['as_of', 'records', 'results', 'blocking', 'warnings', 'not_yet_due', 'standards', 'rules', 'regions'],
      properties: {
        as_of: { type: 'string' },
        records: { type: 'integer', minimum: 0 },
        results: counts,
        blocking: { type: 'object', required: ['fail', 'unknown'], properties: { fail: { type: 'integer' }, unknown: { type: 'integer' } } },
        warnings: { type: 'integer' },
        not_yet_due: { type: 'integer' },
        standards: {
          type: 'array',
          items: {
            type: 'object',
            required: ['standard', 'rules', 'counts', 'pass_rate', 'records'],
            properties: {
              standard: { type: 'string' },
              rules: { type: 'integer' },
              counts,
              pass_rate: nullable({ type: 'number', minimum: 0, maximum: 1 }),
              // `unknown` is the older name of `undetermined`, kept for readers of earlier reports.
              records: { type: 'object', required: ['compliant', 'non_compliant', 'undetermined', 'not_applicable'], properties: { ...verdictCounts, unknown: { type: 'integer', minimum: 0 } } },
            },
          },
        },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            required: ['standard', 'rule', 'severity', 'due', 'deadline', 'aggregate', 'counts', 'pass_rate'],
            properties: { counts, pass_rate: nullable({ type: 'number', minimum: 0, maximum: 1 }) },
          },
        },
        // Records by verdict per (region, standard); a region path (区/镇) is rolled up at each level.
        regions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['region', 'level', 'standard', 'records', 'compliant', 'non_compliant', 'undetermined', 'not_applicable'],
            additionalProperties: false,
            properties: { region: nullable({ type: 'string' }), level: { type: 'integer', minimum: 1 }, standard: { type: 'string' }, records: { type: 'integer', minimum: 0 }, ...verdictCounts },
          },
        },
      },
    },
  },
} as const;
