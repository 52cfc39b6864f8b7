// pattern: a text field must match a regular expression. Patterns come from untrusted files and run on
// untrusted cells, so they run on RE2 (re2js, pure JavaScript): matching takes time linear in the input
// whatever the pattern, so no pattern can backtrack catastrophically. RE2 has no back-references or
// look-arounds, bounds repetition counts at 1000, and patterns are bounded in length.
import { RE2JS } from 're2js';
import { fieldLabel } from '../../i18n/quantities.js';
import type { CheckSpec } from '../../model.js';
import type { CheckKind } from './check-kind.js';
import type { KindProblem } from '../../standards/kind-definition.js';
import { fieldSchema, read } from './shared.js';
import { rawText } from '../../text.js';

export const MAX_PATTERN_LENGTH = 200;
/** Longer values are not matched at all (the result is `unknown`). */
export const MAX_MATCHED_LENGTH = 2_000;

/** JavaScript's \uXXXX escapes in RE2's spelling, \x{XXXX}, so patterns written for JS still read. */
function re2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern.slice(i + 1, i + 6);
      out += /^u[0-9a-fA-F]{4}$/.test(next) ? `\\x{${next.slice(1)}}` : `\\${pattern[i + 1] as string}`;
      i += /^u[0-9a-fA-F]{4}$/.test(next) ? 5 : 1;
    } else out += ch;
  }
  return out;
}

type Compiled = { ok: true; regex: RE2JS } | { ok: false; problem: KindProblem };

function compilePattern(pattern: string): Compiled {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, problem: { path: ['pattern'], code: 'invalid-pattern', params: { detail: `longer than ${MAX_PATTERN_LENGTH} characters` } } };
  }
  try {
    return { ok: true, regex: RE2JS.compile(re2Syntax(pattern)) };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
    return { ok: false, problem: { path: ['pattern'], code: 'invalid-pattern', params: { detail } } };
  }
}

export interface PatternCheck extends CheckSpec {
  kind: 'pattern';
  field: string;
  pattern: string;
}

export const pattern: CheckKind<PatternCheck> = {
  kind: 'pattern',
  aggregate: false,
  summary: { zh: '文本字段符合指定格式（正则表达式，RE2 语法）', en: 'text field matches a regular expression (RE2 syntax)' },
  schema: {
    type: 'object',
    required: ['kind', 'field', 'pattern'],
    additionalProperties: false,
    properties: { kind: { const: 'pattern' }, field: fieldSchema, pattern: { type: 'string', minLength: 1 } },
  },
  fieldsRead: (check) => [{ option: 'field', field: check.field, types: ['string', 'enum', 'date'] }],
  lint(check) {
    const compiled = compilePattern(check.pattern);
    return compiled.ok ? [] : [compiled.problem];
  },
  describe: (check, w) => `${fieldLabel(w, check.field)} ~ /${check.pattern}/`,
  demand: (check) => ({ type: 'requirement', requirement: { pattern: check.pattern } }),
  compile(check) {
    const field = check.field;
    const source = check.pattern;
    const compiled = compilePattern(source);
    if (!compiled.ok) throw new Error(`an invalid pattern reached the engine: ${source.slice(0, 80)}`);
    const { regex } = compiled;
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
        return regex.matcher(text).find()
          ? { status: 'pass', actual: text, expected, reason: { type: 'ok' } }
          : { status: 'fail', actual: text, expected, reason: { type: 'no-match' } };
      },
    };
  },
};
