// pattern: a text field must match a regular expression. Patterns come from untrusted files, so they are
// bounded in length, screened for catastrophic backtracking at load time, and run on bounded input.
import { fieldLabel } from '../../i18n/quantities.js';
import type { CheckKind } from './check-kind.js';
import type { KindProblem } from '../../standards/kind-definition.js';
import { fieldSchema, read } from './shared.js';
import { rawText } from '../../survey/values.js';
import { MAX_PATTERN_LENGTH, unsafeReason } from './regex-safety.js';

/** Longer values are not matched at all (the result is `unknown`). */
export const MAX_MATCHED_LENGTH = 2_000;

function patternProblems(pattern: string): KindProblem[] {
  if (pattern.length > MAX_PATTERN_LENGTH) return [{ path: ['pattern'], code: 'unsafe-pattern', params: { pattern: `${pattern.slice(0, 40)}…`, reason: 'too long' } }];
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return [{ path: ['pattern'], code: 'invalid-pattern', params: { detail: error instanceof Error ? error.message : String(error) } }];
  }
  const reason = unsafeReason(pattern);
  return reason ? [{ path: ['pattern'], code: 'unsafe-pattern', params: { pattern, reason } }] : [];
}

export const pattern: CheckKind = {
  kind: 'pattern',
  aggregate: false,
  summary: { zh: '文本字段符合指定格式（正则表达式）', en: 'text field matches a regular expression' },
  schema: {
    type: 'object',
    required: ['kind', 'field', 'pattern'],
    additionalProperties: false,
    properties: { kind: { const: 'pattern' }, field: fieldSchema, pattern: { type: 'string', minLength: 1 } },
  },
  fieldsRead: (check) => [{ option: 'field', field: String(check.field), types: ['string', 'enum', 'date'] }],
  lint: (check) => patternProblems(String(check.pattern)),
  describe: (check, w) => `${fieldLabel(w, check.field)} ~ /${String(check.pattern)}/`,
  demand: (check) => ({ type: 'requirement', requirement: { pattern: String(check.pattern) } }),
  compile(check) {
    const field = String(check.field);
    const source = String(check.pattern);
    if (patternProblems(source).length > 0) throw new Error(`unsafe pattern reached the engine: ${source}`);
    const regex = new RegExp(source, 'u');
    const expected = { pattern: source };
    return {
      type: 'record',
      evaluate(view) {
        const value = read(view, field, expected);
        if (!value.ok) return value.outcome;
        const text = rawText(value.value);
        if (text.length > MAX_MATCHED_LENGTH) {
          return { status: 'unknown', actual: `${text.slice(0, 40)}…`, expected, reason: { type: 'unparseable', field, raw: text.slice(0, 40), problem: 'too-long' } };
        }
        return regex.test(text)
          ? { status: 'pass', actual: text, expected, reason: { type: 'ok' } }
          : { status: 'fail', actual: text, expected, reason: { type: 'no-match' } };
      },
    };
  },
};
