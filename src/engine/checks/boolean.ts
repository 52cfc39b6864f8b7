// boolean: a yes/no field must hold the expected answer ("统一悬挂社区标识").
import { fieldLabel } from '../../i18n/quantities.js';
import type { CheckSpec } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import { fieldSchema, read, unknownAll } from './shared.js';
import { CELL_OK } from '../../batch.js';
import { FAIL, IN, PASS, UNKNOWN } from '../status.js';

export interface BooleanCheck extends CheckSpec {
  kind: 'boolean';
  field: string;
  expected?: boolean;
}

export const boolean: CheckKind<BooleanCheck> = {
  kind: 'boolean',
  aggregate: false,
  summary: { zh: '是/否字段必须为指定值', en: 'yes/no field must hold the expected answer' },
  schema: {
    type: 'object',
    required: ['kind', 'field'],
    additionalProperties: false,
    properties: { kind: { const: 'boolean' }, field: fieldSchema, expected: { type: 'boolean' } },
  },
  fieldsRead: (check) => [{ option: 'field', field: check.field, types: ['boolean'] }],
  describe: (check, w) => `${fieldLabel(w, check.field)} = ${check.expected === false ? (w.lang === 'zh' ? '否' : 'no') : w.lang === 'zh' ? '是' : 'yes'}`,
  demand: (check) => ({ type: 'requirement', requirement: { equals: check.expected !== false } }),
  compile(check) {
    const field = check.field;
    const wanted = check.expected !== false;
    const expected = { equals: wanted };
    return {
      type: 'record',
      kernel(batch, mask, out) {
        const column = batch.columns.get(field);
        if (column?.type !== 'boolean') return unknownAll(mask, out, batch.size);
        const want = wanted ? 1 : 0;
        for (let row = 0; row < batch.size; row++) {
          if (mask[row] !== IN) continue;
          out[row] = column.state[row] !== CELL_OK ? UNKNOWN : column.values[row] === want ? PASS : FAIL;
        }
      },
      evaluate(view) {
        const value = read(view, field, expected);
        if (!value.ok) return value.outcome;
        return value.value === wanted
          ? { status: 'pass', actual: value.value, expected, reason: { type: 'ok' } }
          : { status: 'fail', actual: value.value, expected, reason: { type: 'not-expected', expected: wanted } };
      },
    };
  },
};
