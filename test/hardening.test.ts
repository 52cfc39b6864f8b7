// Hostile and broken input: every reader bounded and linear, regexes that cannot backtrack, files that
// are not what they claim quoted by at most their first 80 characters, JSON held to the same structure
// as CSV. Outcomes and sizes are asserted here; how long things take is measured by the benchmark.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { oneRule, runEngine } from './helpers/engine.js';

const root = join(import.meta.dirname, '..');
const demo = join(root, 'fixtures', 'standards', 'area-only.yaml');
const dir = mkdtempSync(join(tmpdir(), 'dabiao-hardening-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface JsonReport {
  results: { record: string | null; name: string | null; rule: string; status: string; line: number | null }[];
}

describe('NDJSON lines', () => {
  it('a 10 MB line is read once and judged', async () => {
    const survey = file('long.ndjson', `{"编号": "A", "级别": "村", "名称": "${'长'.repeat(10 * 1024 * 1024)}", "服务中心面积": 400}\n{"编号": "B", "级别": "村", "服务中心面积": 100}\n`);
    const run = await cli(['check', survey, '-s', demo, '-f', 'json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonReport).results.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.status])).toEqual([['B', 'fail']]);
  }, 60_000);

  it('a line past 32 Mi characters is refused at its line, one line of error', async () => {
    const survey = file('too-long.ndjson', `{"编号": "A", "级别": "村", "服务中心面积": 400}\n{"编号": "${'x'.repeat(33 * 1024 * 1024)}"}\n`);
    const run = await cli(['check', survey, '-s', demo, '-f', 'json', '--lang', 'en']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', `dabiao: ${survey}:2: this line is longer than the limit of 33554432 characters\n`]);
  }, 60_000);
});

describe('headers', () => {
  it('a 150 KB header cell of "(a)" groups is an unknown column, not a stall', async () => {
    const header = '(a)'.repeat(50_000);
    const survey = file('brackets.csv', `编号,级别,服务中心面积,${header}\nA,村,400,x\n`);
    const run = await cli(['check', survey, '-s', demo, '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('unrecognised column "(a)(a)(a)');
  });
});

describe('CSV line numbers', () => {
  it('a lone carriage return inside a quoted cell does not count as a line', async () => {
    const survey = file('lone-cr.csv', '编号,名称,级别,服务中心面积\nA,"东\r山",村,400\nB,西河,村,100\n');
    const run = await cli(['check', survey, '-s', demo, '-f', 'json']);
    expect((JSON.parse(run.stdout) as JsonReport).results.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.line])).toEqual([['B', 3]]);
  });
});

describe('regular expressions run in linear time', () => {
  // Adjacent overlapping bounded repeats passed the old screen and cost 37 s per 24-character value.
  it.each([
    ['^' + 'a{0,30}'.repeat(20) + '$', `${'a'.repeat(23)}b`, 'fail'],
    ['(a+)+$', `${'a'.repeat(40)}b`, 'fail'],
    ['^(a|aa)*$', 'a'.repeat(60), 'pass'],
  ])('%s on a hostile value gives its verdict', async (pattern, value, status) => {
    const standard = oneRule(`{kind: pattern, field: name, pattern: '${pattern}'}`);
    const { results } = await runEngine([standard], [{ name: value }]);
    expect(results.map((r) => r.status)).toEqual([status]);
  });
});

describe('a file that is not what it claims to be', () => {
  const shadow = Array.from({ length: 29 }, (_, i) => `user${i + 1}:$6$saltsalt$SECRETHASHSECRETHASH${i + 1}:19000:0:99999:7:::`).join('\n');

  it('given as a standard, it is one line quoting no more than its first 80 characters', async () => {
    const standard = file('shadow', `${shadow}\n`);
    const run = await cli(['check', join(root, 'fixtures', 'demo-survey.csv'), '-s', standard]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`dabiao: ${standard}:1: 这不是 dabiao 标准文件（没有 id 和 rules）；文件开头是：“${shadow.slice(0, 80).replace(/\n/g, ' ')}…”\n`);
    expect(run.stderr).not.toContain('SECRETHASH2');
  });
});

describe('JSON surveys are held to the same structure as CSV', () => {
  it('validate fails a JSON or NDJSON survey that lacks a field the standard needs, as it fails the CSV twin', async () => {
    const csv = file('twin.csv', '编号,级别\nA,村\n');
    const json = file('twin.json', '[{"编号": "A", "级别": "村"}]');
    const ndjson = file('twin.ndjson', '{"编号": "A", "级别": "村"}\n');
    for (const survey of [csv, json, ndjson]) {
      const run = await cli(['validate', survey, '-s', demo, '-f', 'json']);
      const findings = (JSON.parse(run.stdout) as { findings: { code: string; field: string | null }[] }).findings;
      expect([survey, run.code, findings.filter((f) => f.code === 'missing-column').map((f) => f.field)]).toEqual([survey, 1, ['service_center_area_m2', 'households', 'has_service_center']]);
    }
  });

  it('an object where a name belongs is a located finding in validate and shown as written in check', async () => {
    const survey = file('nested.json', '[{"编号": "A", "级别": "村", "名称": {"x": 1}, "服务中心面积": 100}]');
    const validate = await cli(['validate', survey, '-s', demo, '-f', 'json']);
    const findings = (JSON.parse(validate.stdout) as { findings: { code: string; field: string; line: number; value: string }[] }).findings;
    expect(validate.code).toBe(1);
    expect(findings.filter((f) => f.field === 'name').map((f) => [f.code, f.line, f.value])).toEqual([['wrong-type', 1, '{"x":1}']]);
    const check = await cli(['check', survey, '-s', demo, '-f', 'json']);
    expect((JSON.parse(check.stdout) as JsonReport).results.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.name])).toEqual([['A', '{"x":1}']]);
  });
});

describe('notices stay bounded', () => {
  it('40,000 unknown columns: 20 named, the rest counted, on a handful of stderr lines', async () => {
    const names = Array.from({ length: 40_000 }, (_, i) => `extra${i}`);
    const survey = file('wide.csv', `编号,级别,服务中心面积,${names.join(',')}\nA,村,400,${names.map(() => '').join(',')}\n`);
    const run = await cli(['check', survey, '-s', demo, '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('unrecognised column "extra'))).toHaveLength(20);
    expect(lines.at(-1)).toBe(`dabiao: ${survey}: 39980 more unrecognised column(s) ignored`);
  }, 60_000);

  it('300,000 distinct names outside the vocabulary: 20 named, the rest counted', async () => {
    const baokang = '编号,级别,类型,设施';
    const rows = Array.from({ length: 3_000 }, (_, i) => `V${i},村,农村,${Array.from({ length: 100 }, (__, j) => `房${i}-${j}`).join('、')}`);
    const survey = file('names.csv', `${baokang}\n${rows.join('\n')}\n`);
    const run = await cli(['check', survey, '-s', 'baokang-2012', '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('has a name outside the vocabulary'))).toHaveLength(20);
    expect(lines.at(-1)).toBe(`dabiao: ${survey}: 9980+ more name(s) outside the vocabulary (299980 occurrence(s)); checklists will not count them as any required item`);
  }, 60_000);

  it('a million empty CSV rows are counted, with the first ten lines named', async () => {
    const survey = file('empty-rows.csv', `编号,级别,服务中心面积\n${',,\n'.repeat(1_000_000)}A,村,400\n`);
    const run = await cli(['check', survey, '-s', demo, '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`dabiao: ${survey}: skipped 1000000 empty row(s) (line 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …)\n`);
  }, 60_000);
});

describe('two columns meaning one field', () => {
  it('are refused at the header row, at the second column', async () => {
    const survey = file('twice.csv', '编号,级别,服务中心面积,社区服务中心面积\nA,村,400,500\n');
    const run = await cli(['check', survey, '-s', demo, '--lang', 'en']);
    expect([run.code, run.stderr]).toEqual([2, `dabiao: ${survey}:1:4: columns "服务中心面积" and "社区服务中心面积" both mean field service_center_area_m2\n`]);
  });
});

describe('control characters in a standard never reach the terminal', () => {
  it('a title, quote and interpretation with ESC and BEL are shown as pictures by standards show, check and lint', async () => {
    const standard = file(
      'escapes.yaml',
      `id: escapes
title: {zh: "标准\\e[2J\\a", en: "standard\\e]8;;http://x\\a"}
source: {document: "文件\\e[31m"}
rules:
  - id: r
    title: {zh: "规则\\e[32m全部达标\\e[0m", en: rule}
    severity: required
    check: {kind: min, field: service_center_area_m2, min: 350}
    citation: {section: "第一条\\u202e", quote: "引文\\a"}
    interpretation: "解读\\e[1A"
`,
    );
    const survey = file('one.csv', '编号,级别,服务中心面积\nA,村,100\n');
    for (const args of [['standards', 'show', standard], ['check', survey, '-s', standard], ['check', survey, '-s', standard, '-f', 'github'], ['lint', standard]]) {
      const run = await cli(args, { env: { FORCE_COLOR: '1' } });
      const output = run.stdout + run.stderr;
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point.
      expect([args[0], /[\u0007\u202e]/.test(output), output.replace(/\u001b\[[0-9;]*m/g, '').includes('\u001b')]).toEqual([args[0], false, false]);
    }
    const show = await cli(['standards', 'show', standard]);
    expect(show.stdout).toContain('escapes/r  规则␛[32m全部达标␛[0m  [必须]');
  });
});
