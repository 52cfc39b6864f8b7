// Every report format from one run over the sample survey: the numbers match the JSON report; SARIF
// and JUnit validate against their official schemas; CSV and HTML neutralise what the data carries.
import { Ajv as Ajv7 } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

// ajv-draft-04 is CommonJS whose exports object is the class itself.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const root = join(import.meta.dirname, '..');
const schemas = join(root, '..', 'shared', 'schemas');
const haveSchemas = existsSync(schemas);
const dir = mkdtempSync(join(tmpdir(), 'dabiao-reports-'));
const sample = join(root, 'fixtures', 'sample-survey.csv');
const out = (name: string) => join(dir, name);

interface JsonReport {
  results: { record: string | null; rule: string; standard: string; status: string; severity: string; due: boolean }[];
  coverage: { standard: string; uncovered: { rule: string; severity: string; due: boolean; files: string[] }[] }[];
  summary: {
    records: number;
    results: { pass: number; fail: number; unknown: number; not_applicable: number; waived: number };
    blocking: { fail: number; unknown: number };
    warnings: number;
    standards: { standard: string; rules: number; counts: Record<string, number> }[];
    rules: { standard: string; rule: string; counts: Record<string, number> }[];
  };
}

let json: JsonReport;
let code: number;

beforeAll(async () => {
  const run = await cli([
    'check', sample, '--as-of', '2026-11-22',
    '-o', out('report.json'), '-o', out('report.html'), '-o', out('report.md'), '-o', out('report.csv'),
    '-o', out('report.sarif'), '-o', out('report.xml'), '-f', 'github',
  ]);
  code = run.code;
  writeFileSync(out('github.txt'), run.stdout);
  json = JSON.parse(readFileSync(out('report.json'), 'utf8')) as JsonReport;
});

const problems = () => json.results.filter((r) => r.status === 'fail' || r.status === 'unknown');
// Rules the sample has no column for: told once per file in every format, their unknowns counted, not listed.
const uncovered = () => json.coverage.flatMap((entry) => entry.uncovered.map((rule) => ({ ...rule, standard: entry.standard })));
const unknownsOf = (rule: { standard: string; rule: string }): number => json.summary.rules.find((r) => r.standard === rule.standard && r.rule === rule.rule)?.counts.unknown ?? 0;
const uncoveredUnknowns = (which = uncovered()) => which.reduce((sum, rule) => sum + unknownsOf(rule), 0);
const blockingUncovered = () => uncovered().filter((rule) => rule.severity === 'required' && rule.due);

describe('one run, every format', () => {
  it('exits 1 and writes every file', () => {
    expect(code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['github.txt', 'report.csv', 'report.html', 'report.json', 'report.md', 'report.sarif', 'report.xml']);
  });

  it('JSON validates against the report schema dabiao ships', async () => {
    const schema = JSON.parse((await cli(['schema', 'report'])).stdout) as object;
    const validate = new Ajv7({ strict: false, allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(uncovered().length).toBeGreaterThan(0);
    expect(problems().length).toBe(json.summary.results.fail + json.summary.results.unknown - uncoveredUnknowns());
  });

  it('CSV has one row per listed result, with a BOM', () => {
    const text = readFileSync(out('report.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text, { bom: true }) as string[][];
    expect(rows.length - 1).toBe(problems().length);
    // Statuses in the report's language (Chinese by default); the region filled for per-record rows.
    expect(rows.slice(1).filter((r) => r[10] === '不通过').length).toBe(json.summary.results.fail);
    expect(rows.slice(1).filter((r) => r[0] === 'XS-001').every((r) => r[2] === '东港镇')).toBe(true);
  });

  it('Markdown has the summary per standard and a row per failure', () => {
    const text = readFileSync(out('report.md'), 'utf8');
    for (const s of json.summary.standards) {
      expect(text).toContain(`(\`${s.standard}\`) | ${s.rules} | ${s.counts.pass} | ${s.counts.fail} | ${s.counts.unknown} | ${s.counts.not_applicable} |`);
    }
    const rows = text.split('\n').filter((line) => /^\| .* \| `[a-z0-9-]+\/[a-z0-9-]+` \|/.test(line));
    expect(rows.length).toBe(Math.min(problems().length, 1000));
  });

  it('GitHub annotations: one line per failure or unknown, and one per rule the survey cannot feed', () => {
    const lines = readFileSync(out('github.txt'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(problems().length + uncovered().length);
    expect(lines[0]).toMatch(/^::(error|warning|notice) file=.*sample-survey\.csv,line=\d+/);
    const blocking = problems().filter((r) => r.severity === 'required' && r.due).length;
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(blocking + blockingUncovered().length);
    expect(lines.filter((l) => l.includes('无法判断此规则'))).toHaveLength(uncovered().length);
  });

  it('SARIF has a rule per reportingDescriptor and a located result per failure or unknown', () => {
    const sarif = JSON.parse(readFileSync(out('report.sarif'), 'utf8')) as { runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const run = sarif.runs[0]!;
    expect(run.results.length).toBe(problems().length + uncovered().length);
    expect(run.tool.driver.rules.length).toBe(292);
    for (const result of run.results) expect(result.locations[0]?.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!haveSchemas)('SARIF validates against the official SARIF 2.1.0 schema (errata01)', () => {
    const schema = JSON.parse(readFileSync(join(schemas, 'sarif-schema-2.1.0.errata01.draft-04.json'), 'utf8')) as object;
    const validate = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    const sarif = JSON.parse(readFileSync(out('report.sarif'), 'utf8')) as unknown;
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('JUnit counts match the JSON summary', () => {
    const xml = readFileSync(out('report.xml'), 'utf8');
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)"[^>]* tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)];
    expect(suites.map((s) => s[1])).toEqual(json.summary.standards.map((s) => s.standard));
    const sum = (i: number) => suites.reduce((total, s) => total + Number(s[i]), 0);
    expect(sum(3)).toBe(json.summary.blocking.fail);
    // An uncovered rule is one test case, not one per record.
    expect(sum(4)).toBe(json.summary.blocking.unknown - uncoveredUnknowns(blockingUncovered()) + blockingUncovered().length);
    expect(sum(2)).toBe(json.summary.results.pass + json.summary.results.fail + json.summary.results.unknown - uncoveredUnknowns() + uncovered().length);
  });

  const xmllint = spawnSync('xmllint', ['--version']).status === 0;
  it.skipIf(!haveSchemas || (!xmllint && !process.env.CI))('JUnit validates against the Jenkins xUnit and the Ant JUnit schemas (xmllint)', () => {
    for (const xsd of ['junit-10.jenkins-xunit.xsd', 'JUnit.windyroad-ant.xsd']) {
      expect(execFileSync('xmllint', ['--noout', '--schema', join(schemas, xsd), out('report.xml')], { encoding: 'utf8', stdio: 'pipe' })).toBe('');
    }
  });
});

describe('hostile data', () => {
  const hostile = join(dir, 'hostile.csv');
  beforeAll(() => {
    writeFileSync(hostile, '编号,名称,级别,服务中心面积\n"=HYPERLINK(""http://x"",""点我"")","<script>alert(1)</script>\u0001村",村,100\n+1,@SUM(A1),村,200\n');
  });

  it('CSV neutralises cells that would run as formulas', async () => {
    const run = await cli(['check', hostile, '-s', join(root, 'test', 'corpus', 'standard.yaml'), '-o', out('hostile-report.csv')]);
    expect(run.code).toBe(1);
    const rows = parseCsv(readFileSync(out('hostile-report.csv'), 'utf8'), { bom: true }) as string[][];
    expect(rows[1]?.[0]).toBe('\'=HYPERLINK("http://x","点我")');
    expect(rows[2]?.[0]).toBe("'+1");
    expect(rows[2]?.[1]).toBe("'@SUM(A1)");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('HTML escapes it, and JUnit drops characters XML forbids', async () => {
    await cli(['check', hostile, '-s', join(root, 'test', 'corpus', 'standard.yaml'), '-o', out('hostile.html'), '-o', out('hostile.xml'), '--all']);
    const page = readFileSync(out('hostile.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    const xml = readFileSync(out('hostile.xml'), 'utf8');
    expect(xml).not.toContain('\u0001');
  });
});

describe('--fail-on', () => {
  const standard = join(root, 'fixtures', 'standards', 'area-only.yaml');
  const survey = join(dir, 'fail-on.csv');
  beforeAll(() => writeFileSync(survey, 'id,level,households,service_center_area_m2,has_service_center\nA,village,10000,400,yes\nB,village,100,,yes\n'));
  it.each([
    ['fail', 0],
    ['unknown', 1],
    ['guidance', 1],
  ])('--fail-on %s exits %d when a required rule is unknown', async (failOn, expected) => {
    expect((await cli(['check', survey, '-s', standard, '--fail-on', failOn, '--as-of', '2026-01-01', '-f', 'json'])).code).toBe(expected);
  });
  it('--fail-on guidance also counts failed guidance rules', async () => {
    const ok = join(dir, 'guidance.csv');
    writeFileSync(ok, 'id,level,households,service_center_area_m2,has_service_center\nA,village,10000,400,yes\n');
    expect((await cli(['check', ok, '-s', standard, '--as-of', '2026-01-01', '-f', 'json'])).code).toBe(0);
    expect((await cli(['check', ok, '-s', standard, '--as-of', '2026-01-01', '-f', 'json', '--fail-on', 'guidance'])).code).toBe(1);
  });
});

describe('report files are complete or absent', () => {
  it('a run that fails half-way leaves none of its reports', async () => {
    const target = mkdtempSync(join(tmpdir(), 'dabiao-atomic-'));
    const run = await cli(['check', sample, join(root, 'fixtures', 'bad', 'ragged-row.csv'), '-o', join(target, 'r.json'), '-o', join(target, 'r.html'), '-o', join(target, 'r.sarif')]);
    expect(run.code).toBe(2);
    expect(readdirSync(target)).toEqual([]);
  });
});
