// Standard files are untrusted input: every problem is rejected at load, with file:line, before any
// survey is read.
import { describe, expect, it } from 'vitest';
import { DabiaoError, type Problem } from '../src/errors.js';
import { standardFromYaml } from './helpers/engine.js';

function problems(text: string): Problem[] {
  try {
    standardFromYaml(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof DabiaoError) return [...error.problems];
    throw error;
  }
  throw new Error('the standard was accepted');
}

const header = `id: t
title: {zh: 测试, en: test}
source: {document: test}
rules:
`;
const rule = (id: string, check: string, extra = '') => `  - id: ${id}
    title: {zh: 规则, en: rule}
    severity: required
    check: ${check}
    citation: {section: s, quote: q1}
${extra}`;

describe('a valid standard', () => {
  it('loads with each rule located at its line', () => {
    const standard = standardFromYaml(header + rule('a', '{kind: min, field: households, min: 1}') + rule('b', '{kind: boolean, field: has_service_center}'));
    expect(standard.rules.map((r) => [r.id, r.position?.line])).toEqual([
      ['a', 5],
      ['b', 10],
    ]);
  });
});

describe('rejected standards', () => {
  it('a YAML syntax error names its line', () => {
    expect(problems(`${header}  - id: a: b\n`)[0]).toMatchObject({ code: 'yaml-syntax', location: { file: 'bad.yaml', line: 5 } });
  });

  it('duplicate keys are rejected', () => {
    const found = problems(`id: t\nid: u\ntitle: {zh: a, en: b}\nsource: {document: x}\nrules: []\n`);
    expect(found[0]).toMatchObject({ code: 'yaml-duplicate-key', params: { key: 'id' }, location: { line: 2 } });
  });

  it('an alias bomb is rejected', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(problems(bomb.join('\n'))[0]).toMatchObject({ code: 'yaml-aliases' });
  });

  it('duplicate rule ids are rejected at the second one', () => {
    const found = problems(header + rule('a', '{kind: min, field: households, min: 1}') + rule('a', '{kind: min, field: households, min: 2}'));
    expect(found).toEqual([expect.objectContaining({ code: 'duplicate-rule', params: { id: 'a', first: 5 }, location: expect.objectContaining({ line: 10 }) })]);
  });

  it('an unknown check kind suggests the closest one', () => {
    const found = problems(header + rule('a', '{kind: minimum, field: households, min: 1}'));
    expect(found[0]).toMatchObject({ code: 'unknown-kind', params: { kind: 'minimum', suggestion: 'min' }, location: { line: 8 } });
  });

  it('an unknown field suggests the closest one', () => {
    const found = problems(header + rule('a', '{kind: min, field: service_centre_area_m2, min: 1}'));
    expect(found[0]).toMatchObject({ code: 'unknown-field', params: { field: 'service_centre_area_m2', suggestion: 'service_center_area_m2' } });
  });

  it('a field of the wrong type for the kind is rejected', () => {
    expect(problems(header + rule('a', '{kind: min, field: facilities, min: 1}'))[0]).toMatchObject({ code: 'field-type' });
  });

  it('wrong value types are rejected with their path', () => {
    const found = problems(header + rule('a', '{kind: min, field: households, min: "350"}'));
    expect(found[0]).toMatchObject({ code: 'schema-violation', params: { path: 'rules[0].check.min' }, location: { line: 8 } });
  });

  it('an unknown key suggests the intended one', () => {
    const found = problems(header + rule('a', '{kind: min, field: households, min: 1}', '    deadlin: 2019-12-31\n'));
    expect(found[0]).toMatchObject({ code: 'schema-violation', params: { suggestion: 'deadline' }, location: { line: 10 } });
  });

  it('__proto__ keys cannot pollute prototypes', () => {
    const found = problems(header + rule('a', '{kind: min, field: households, min: 1}', '    __proto__: {polluted: true}\n'));
    expect(found[0]).toMatchObject({ code: 'schema-violation' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['(?=a)b', 'invalid or unsupported Perl syntax: `(?=`'],
    ['a{1,5000}', 'invalid repeat count: `{1,5000}`'],
    ['x'.repeat(201), 'longer than 200 characters'],
  ])('the pattern %s, which RE2 cannot run or which is too long, is rejected at its line', (pattern, detail) => {
    const found = problems(header + rule('a', `{kind: pattern, field: id, pattern: '${pattern}'}`));
    expect(found.map((p) => [p.code, p.params.detail, p.location?.line])).toEqual([['invalid-pattern', detail, 8]]);
  });

  it('an invalid date and unordered schedule are rejected', () => {
    const found = problems(header + rule('a', '{kind: min, field: households, min: 1}', '    schedule: [{due: 2010-12-31, min: 5}, {due: 2009-02-30, min: 6}]\n'));
    expect(found.map((p) => p.code)).toEqual(['bad-date', 'schedule-order']);
  });

  it('all problems are reported at once', () => {
    const found = problems(header + rule('a', '{kind: nope, field: x}') + rule('b', '{kind: min, field: nofield, min: 1}') + rule('b', '{kind: min, field: households, min: 2, max: 1}'));
    expect(found.map((p) => p.code)).toEqual(['unknown-kind', 'unknown-field', 'duplicate-rule', 'bad-threshold']);
  });
});

describe('size bounds', () => {
  it('a standard file over 1 MiB is refused before parsing', () => {
    const found = problems(`${header}# ${'x'.repeat(1024 * 1024)}\n`);
    expect(found[0]).toMatchObject({ code: 'file-too-large' });
  });
});
