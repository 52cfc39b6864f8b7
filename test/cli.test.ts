// The CLI end to end: exit codes, the JSON contract, one-line errors naming file and line.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join(root, 'fixtures', name);
const demo = fixture('standards/area-only.yaml');

interface JsonResult {
  record: string | null;
  rule: string;
  status: string;
  line: number | null;
  group: string | null;
  [key: string]: unknown;
}

async function checkJson(file: string, extra: string[] = []) {
  const run = await cli(['check', file, '-s', demo, '--format', 'json', '--as-of', '2026-01-01', ...extra]);
  return { ...run, report: JSON.parse(run.stdout) as { version: string; results: JsonResult[]; summary: Record<string, unknown> } };
}

const project = (results: JsonResult[]) => results.map((r) => [r.record ?? r.group, r.rule, r.status, r.line]);

describe('dabiao check', () => {
  it('reports each record with its line, and exits 1 when a required rule fails', async () => {
    const { code, report, stderr } = await checkJson(fixture('demo-survey.csv'), ['--all']);
    expect(code).toBe(1);
    expect(project(report.results)).toEqual([
      ['V001', 'centre-area', 'pass', 2],
      ['V001', 'centre-per-household', 'pass', 2],
      ['V002', 'centre-area', 'fail', 3],
      ['V002', 'centre-per-household', 'pass', 3],
      ['V003', 'centre-area', 'unknown', 5],
      ['V003', 'centre-per-household', 'unknown', 5],
      ['T001', 'centre-area', 'not_applicable', 6],
      ['T001', 'centre-per-household', 'not_applicable', 6],
      ['东镇', 'coverage', 'pass', null],
      ['西镇', 'coverage', 'fail', null],
    ]);
    expect(stderr).toContain('备注');
  });

  it('gives the same statuses for CSV, JSON and NDJSON', async () => {
    const csv = await checkJson(fixture('demo-survey.csv'), ['--all']);
    const json = await checkJson(fixture('demo-survey.json'), ['--all']);
    const ndjson = await checkJson(fixture('demo-survey.ndjson'), ['--all']);
    const statuses = (r: typeof csv) => r.report.results.map((x) => [x.record ?? x.group, x.rule, x.status]);
    expect(statuses(json)).toEqual(statuses(csv));
    expect(statuses(ndjson)).toEqual(statuses(csv));
    expect(json.report.results.map((r) => r.line)).toEqual([2, 2, 3, 3, 7, 7, 8, 8, null, null]);
    expect(ndjson.report.results.map((r) => r.line)).toEqual([1, 1, 2, 2, 4, 4, 5, 5, null, null]);
  });

  it('lists only failures and unknowns by default, with passes counted in the summary', async () => {
    const { report } = await checkJson(fixture('demo-survey.csv'));
    expect(project(report.results)).toEqual([
      ['V002', 'centre-area', 'fail', 3],
      ['V003', 'centre-area', 'unknown', 5],
      ['V003', 'centre-per-household', 'unknown', 5],
      ['西镇', 'coverage', 'fail', null],
    ]);
    expect(report.summary.results).toEqual({ pass: 4, fail: 2, unknown: 2, not_applicable: 2, waived: 0 });
  });

  it('keeps the JSON contract', async () => {
    const { report } = await checkJson(fixture('demo-survey.csv'));
    expect(report.version).toBe('1');
    const failed = report.results.find((r) => r.record === 'V002' && r.rule === 'centre-area');
    expect(failed).toMatchObject({
      record: 'V002',
      name: '西河村',
      standard: 'demo-county',
      rule: 'centre-area',
      fields: ['service_center_area_m2'],
      status: 'fail',
      severity: 'required',
      actual: 349,
      expected: { min: 350, unit: 'm2' },
      gap: 1,
      file: fixture('demo-survey.csv'),
      line: 3,
      citation: { section: '第三条', quote: '村级社区服务中心面积不少于350平方米' },
    });
    expect(failed?.message).toBe('服务中心面积 349平方米，要求 ≥ 350平方米，差 1平方米');
    const aggregate = report.results.find((r) => r.group === '西镇');
    expect(aggregate).toMatchObject({ record: null, due: false, deadline: '2030-12-31' });
    expect(report.summary).toMatchObject({
      records: 4,
      blocking: { fail: 1, unknown: 1 },
      not_yet_due: 1,
      standards: [{ standard: 'demo-county', counts: { pass: 4, fail: 2, unknown: 2, not_applicable: 2 }, records: { compliant: 1, non_compliant: 1, unknown: 1 } }],
    });
    const rule = (report.summary.rules as { rule: string; counts: object; pass_rate: number }[]).find((r) => r.rule === 'centre-area');
    expect(rule).toMatchObject({ counts: { pass: 1, fail: 1, unknown: 1, not_applicable: 1 }, pass_rate: 0.3333 });
  });

  it('writes messages in English with --lang en', async () => {
    const { report } = await checkJson(fixture('demo-survey.csv'), ['--lang', 'en']);
    expect(report.results.find((r) => r.record === 'V002')?.message).toBe('Service centre floor area is 349 m²; requires ≥ 350 m²; short by 1 m²');
  });

  it('exits 0 when every applicable required rule passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'ok.csv');
    writeFileSync(file, 'id,level,households,service_center_area_m2,has_service_center\nA,village,100,400,yes\n');
    const run = await cli(['check', file, '-s', demo, '--as-of', '2026-01-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('达标');
  });

  it('never passes a record missing the data a rule reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'empty-cells.csv');
    writeFileSync(file, 'id,level,households,service_center_area_m2,has_service_center\nA,village,,,\n');
    const run = await cli(['check', file, '-s', demo, '--format', 'json', '--as-of', '2026-01-01']);
    const report = JSON.parse(run.stdout) as { results: JsonResult[]; summary: { results: Record<string, number> } };
    expect(report.results.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(report.summary.results.pass).toBe(0);
    expect(run.code).toBe(1);
  });

  it('writes the report to a file with -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const out = join(dir, 'report.json');
    const run = await cli(['check', fixture('demo-survey.csv'), '-s', demo, '--format', 'json', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.records).toBe(4);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

describe('bad input gives exit 2 and one line naming file and line', () => {
  it.each([
    ['bad/unclosed-quote.csv', ':2: ', 'unclosed quote'],
    ['bad/ragged-row.csv', ':3: ', 'row has 5 cells, the header has 4'],
    ['bad/ragged-after-multiline-crlf.csv', ':4: ', 'row has 5 cells, the header has 4'],
    ['bad/empty.csv', ':1: ', 'empty'],
    ['bad/header-only.csv', ':1: ', 'no records'],
    ['bad/gbk.csv', ':2: ', 'UTF-8'],
    ['bad/truncated.json', ':4:1: ', 'Unexpected end of JSON input'],
    ['bad/bad-line.ndjson', ':2:14: ', 'invalid JSON'],
  ])('%s', async (name, where, what) => {
    const run = await cli(['check', fixture(name), '-s', demo, '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${fixture(name)}${where}`);
    expect(run.stderr).toContain(what);
  });

  it('a failing run leaves no half-written report behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const out = join(dir, 'report.json');
    const run = await cli(['check', fixture('demo-survey.csv'), fixture('bad/ragged-row.csv'), '-s', demo, '--format', 'json', '-o', out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an invalid standard file is rejected before the survey is read', async () => {
    const run = await cli(['check', fixture('bad/ragged-row.csv'), '-s', fixture('bad/invalid.yaml'), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/invalid\.yaml:9:1: YAML syntax error/);
    expect(run.stderr).not.toContain('ragged');
  });

  it('an unknown standard id suggests the right one', async () => {
    const run = await cli(['check', fixture('demo-survey.csv'), '-s', 'water-twon-2013', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "water-town-2013"');
  });

  it.each([
    [['chek'], 'unknown command'],
    [['check'], 'missing required argument'],
    [['check', 'x.csv', '--as-of', '2026-02-30'], '2026-02-30'],
    [['check', 'x.csv', '--format', 'xml', '-s', 'x.yaml'], '--format'],
    [['check', 'survey.txt', '-s', 'fixtures/standards/area-only.yaml'], 'unsupported file format'],
    [['check', 'missing.csv', '-s', 'fixtures/standards/area-only.yaml'], 'cannot read file'],
  ])('usage error %j', async (args, what) => {
    const run = await cli([...args, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(what);
  });
});

describe('the installed binary', () => {
  it('prints no stack trace and keeps exit codes (needs the build from `npm run build`)', () => {
    const bin = join(root, 'bin', 'dabiao.js');
    const bad = spawnSync(process.execPath, [bin, 'check', fixture('bad/unclosed-quote.csv'), '-s', demo], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const failing = spawnSync(process.execPath, [bin, 'check', fixture('demo-survey.csv'), '-s', demo, '--format', 'json'], { encoding: 'utf8' });
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout).summary.records).toBe(4);
  });

  it('copies a report of several MB to a piped stdout byte for byte, as -o writes it', () => {
    const bin = join(root, 'bin', 'dabiao.js');
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const survey = join(dir, 'wide.csv');
    // Chinese ids (three bytes a character): the copy's 1 MiB pieces end inside characters.
    const rows = Array.from({ length: 100_000 }, (_, i) => `东山村${i},村,${i % 2 === 0 ? 350 : 349},${100 + i}`);
    writeFileSync(survey, `编号,级别,服务中心面积（平方米）,户数\n${rows.join('\n')}\n`);
    const piped = spawnSync(process.execPath, [bin, 'check', survey, '-s', demo, '-f', 'matrix', '--threads', '1'], { maxBuffer: 64 << 20 });
    expect(piped.status).toBe(1);
    const file = join(dir, 'out.matrix.csv');
    const written = spawnSync(process.execPath, [bin, 'check', survey, '-s', demo, '-o', file, '--threads', '1'], { encoding: 'utf8' });
    expect(written.status).toBe(1);
    const expected = readFileSync(file);
    expect(expected.length).toBeGreaterThan(3 << 20);
    expect(Buffer.compare(piped.stdout, expected)).toBe(0);
    const lines = piped.stdout.toString('utf8').split('\n');
    expect(lines[1]).toBe('东山村0,pass,pass,compliant');
    expect(lines[2]).toBe('东山村1,fail,pass,non_compliant');
    expect(lines).toHaveLength(100_002);
  });

  // 100,000 records whose matrix is several MB, then (optionally) a record with an unclosed quote:
  // the error comes after dozens of batches' lines were written.
  const largeSurvey = (dir: string, broken: boolean): string => {
    const survey = join(dir, broken ? 'broken.csv' : 'large.csv');
    const rows = Array.from({ length: 100_000 }, (_, i) => `东山村${i},村,${i % 2 === 0 ? 350 : 349},${100 + i}`);
    writeFileSync(survey, `编号,级别,服务中心面积（平方米）,户数\n${rows.join('\n')}\n${broken ? '西山村,"村,350,100\n' : ''}`);
    return survey;
  };
  /** The installed binary with stdout (and stderr, where given) going to files, and an unusable temporary folder. */
  const runToFiles = (args: string[], stdout: string, stderr?: string): { status: number | null; stderr: string } => {
    const out = openSync(stdout, 'w');
    const err = stderr === undefined ? 'pipe' : out;
    try {
      const run = spawnSync(process.execPath, [join(root, 'bin', 'dabiao.js'), ...args], { stdio: ['ignore', out, err], encoding: 'utf8', env: { ...process.env, TMPDIR: join(dirname(stdout), 'no-such-folder') } });
      return { status: run.status, stderr: run.stderr ?? '' };
    } finally {
      closeSync(out);
    }
  };

  it('writes a report straight into the empty file stdout is redirected to, needing no temporary folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const stdout = join(dir, 'stdout.csv');
    const run = runToFiles(['check', largeSurvey(dir, false), '-s', demo, '-f', 'matrix', '--threads', '1'], stdout);
    // Spooled through the temporary folder, this run would fail: TMPDIR names a folder that does not exist.
    expect([run.status, run.stderr]).toEqual([1, '']);
    const lines = readFileSync(stdout, 'utf8').split('\n');
    expect(lines[0]).toBe('\uFEFF编号,demo-county/centre-area,demo-county/centre-per-household,判定:demo-county');
    expect(lines[1]).toBe('东山村0,pass,pass,compliant');
    // 349 m² for 100,099 households, 0.2 m² each: short of both.
    expect(lines[100_000]).toBe('东山村99999,fail,fail,non_compliant');
    expect(lines).toHaveLength(100_002);
  });

  it('leaves the stdout file empty when the run fails after writing part of the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const stdout = join(dir, 'stdout.csv');
    const survey = largeSurvey(dir, true);
    const run = runToFiles(['check', survey, '-s', demo, '-f', 'matrix', '--threads', '1', '--lang', 'en'], stdout);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^dabiao: ${survey}:100002: .*quote.*\n$`));
    expect(statSync(stdout).size).toBe(0);
  });

  it('spools the report when stderr goes to the same file, so an error is all the file holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const both = join(dir, 'both.txt');
    const survey = largeSurvey(dir, true);
    // The temporary folder is unusable, so the spooled run stops at once; written in place, the file
    // would hold the first batches' lines, or zero bytes before the error after being cut back.
    const run = runToFiles(['check', survey, '-s', demo, '-f', 'matrix', '--threads', '1', '--lang', 'en'], both, both);
    expect(run.status).toBe(2);
    const text = readFileSync(both, 'utf8');
    expect(text).toMatch(/^dabiao: [^\n\0]+\n$/);
  });
});

describe('survey edge cases', () => {
  it('CSV follows RFC 4180: CRLF, quoted commas, doubled quotes and line breaks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'rfc.csv');
    writeFileSync(file, '\uFEFFid,name,level,households,service_center_area_m2,has_service_center\r\nA,"甲村, ""东""",village,100,"1,350",是\r\nB,"乙\r\n村",village,100,340,是\r\n');
    const run = await cli(['check', file, '-s', demo, '--format', 'json', '--all', '--as-of', '2026-01-01']);
    const results = (JSON.parse(run.stdout) as { results: JsonResult[] }).results.filter((r) => r.rule === 'centre-area');
    expect(results.map((r) => [r.record, r.name, r.line, r.status])).toEqual([
      ['A', '甲村, "东"', 2, 'pass'],
      ['B', '乙\n村', 3, 'fail'], // CRLF inside a name is printed as a line feed
    ]);
  });

  it('JSON keys such as __proto__ are ignored columns, not prototypes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'proto.json');
    writeFileSync(file, '[{"id": "A", "level": "village", "__proto__": {"service_center_area_m2": 999}, "constructor": 1}]');
    const run = await cli(['check', file, '-s', demo, '--format', 'json', '--as-of', '2026-01-01', '--lang', 'en']);
    const report = JSON.parse(run.stdout) as { records: { verdicts: Record<string, string> }[]; coverage: { standard: string; uncovered: { rule: string; fields: string[] }[] }[] };
    // No area reached the record: the rule is one the survey cannot feed, told once, and the verdict waits on it.
    const uncovered = report.coverage.find((entry) => entry.standard === 'demo-county')?.uncovered.find((entry) => entry.rule === 'centre-area');
    expect(uncovered?.fields).toEqual(['service_center_area_m2']);
    expect(report.records[0]?.verdicts['demo-county']).toBe('undetermined');
    expect(run.stderr).toContain('__proto__');
    expect(({} as Record<string, unknown>).service_center_area_m2).toBeUndefined();
  });
});
