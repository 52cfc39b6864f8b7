// dabiao validate: every structural problem of a survey file, at its row and column, before any rule.
import ExcelJS from 'exceljs';
import AjvDraft04Module from 'ajv-draft-04';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
// ajv-draft-04 is CommonJS whose exports object is the class itself.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const demo = join(root, 'fixtures', 'standards', 'area-only.yaml');

interface Finding {
  code: string;
  severity: string;
  line: number | null;
  column: number | null;
  cell: string | null;
  sheet: string | null;
  field: string | null;
  value: string | null;
  message: string;
}

async function validateJson(file: string, extra: string[] = []) {
  const run = await cli(['validate', file, '-s', demo, '--format', 'json', '--lang', 'en', ...extra]);
  return { ...run, report: JSON.parse(run.stdout) as { valid: boolean; errors: number; warnings: number; findings: Finding[] } };
}

describe('dabiao validate', () => {
  it('reports each problem at its row and column, and exits 1', async () => {
    const { code, report } = await validateJson(join(root, 'fixtures', 'validate', 'problems.csv'));
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.code, f.severity, f.line, f.column, f.field, f.value])).toEqual([
      ['title-rows', 'warning', 3, null, null, null],
      ['unknown-column', 'warning', 3, 8, null, '备注'],
      ['duplicate-column', 'error', 3, 9, 'service_center_area_m2', '服务中心面积'],
      ['not-allowed', 'error', 5, 3, 'level', '省'],
      ['wrong-type', 'error', 5, 4, 'households', '1e309'],
      ['out-of-range', 'error', 5, 5, 'service_center_area_m2', '-5'],
      ['wrong-type', 'error', 5, 6, 'has_service_center', '也许'],
      ['duplicate-id', 'error', 5, 1, 'id', 'A'],
      ['empty-row', 'warning', 6, null, null, null],
      ['ragged-row', 'error', 7, null, null, null],
      ['wrong-type', 'error', 8, 4, 'households', '0x1388'],
      ['wrong-type', 'error', 8, 5, 'service_center_area_m2', 'NaN'],
      ['wrong-type', 'error', 8, 6, 'has_service_center', 'N/A'],
      ['blank-column', 'warning', 3, 10, null, null],
    ]);
    expect(report).toMatchObject({ valid: false, errors: 10, warnings: 4 });
    expect(report.findings.find((f) => f.code === 'duplicate-id')?.message).toBe('duplicate id "A" (first on line 4)');
    expect(report.findings.find((f) => f.code === 'not-allowed')?.message).toContain('city/county/township/village');
  });

  it('reads cells with "" escapes in whichever row and column they stand, past an empty line, a total row and a short row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'escapes.csv');
    // Past the rows the header is sought among, where cells are read a column at a time.
    const plain = Array.from({ length: 20 }, (_, i) => `F${i},village,20,300,是`);
    writeFileSync(
      file,
      [
        'id,level,households,service_center_area_m2,has_service_center',
        ...plain,
        'E1,"vil""lage",20,300,是',
        'E2,village,"2""0",300,是',
        '',
        'E3,village,25,"3""00",是',
        '合计,"""x""",99,999,是',
        '"E""4",village,21,310,是',
        'E5,village,22,"3""10"',
        'E6,village,19,"3""20",否',
        '',
      ].join('\n'),
    );
    const { code, report } = await validateJson(file);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.code, f.line, f.column, f.field, f.value])).toEqual([
      ['not-allowed', 22, 2, 'level', 'vil"lage'],
      ['wrong-type', 23, 3, 'households', '2"0'],
      ['wrong-type', 25, 4, 'service_center_area_m2', '3"00'],
      ['footer-row', 26, null, null, null],
      ['ragged-row', 28, null, null, null],
      ['wrong-type', 28, 4, 'service_center_area_m2', '3"10'],
      ['wrong-type', 29, 4, 'service_center_area_m2', '3"20'],
    ]);
  });

  it('a clean file exits 0, with warnings allowed', async () => {
    const { code, report } = await validateJson(join(root, 'fixtures', 'demo-survey.csv'));
    expect(code).toBe(0);
    expect(report).toMatchObject({ valid: true, errors: 0, warnings: 1 });
  });

  it('names the columns the chosen standards need but the file lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'thin.csv');
    writeFileSync(file, '编号,级别,户数\nA,村,100\n');
    const { code, report } = await validateJson(file);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.code === 'missing-column').map((f) => f.field)).toEqual(['service_center_area_m2', 'has_service_center']);
  });

  it('reports names outside the vocabulary for the lists checklists read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'items.csv');
    writeFileSync(file, 'id,level,area_type,service_center_area_m2,has_service_center,functions\nA,village,rural,400,yes,教育培训、文体活动、神秘功能\n');
    const run = await cli(['validate', file, '-s', 'water-town-2013', '--format', 'json', '--lang', 'en']);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.code === 'unknown-item').map((f) => [f.field, f.value, f.line, f.column])).toEqual([['functions', '神秘功能', 2, 6]]);
  });

  it('points at worksheet cells in an Excel file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const file = join(dir, 'survey.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('村级调查');
    sheet.mergeCells('A1:E1');
    sheet.getCell('A1').value = '2024年社区服务中心调查';
    sheet.addRow(['编号', '级别', '户数', '服务中心面积', '是否建成服务中心']);
    sheet.addRow(['A', '村', 100, 350, '是']);
    sheet.addRow(['B', '村', 100, { error: '#DIV/0!' }, '是']);
    sheet.addRow(['C', '村', 100, { formula: 'C3*4' }, '否']);
    await workbook.xlsx.writeFile(file);
    const { code, report } = await validateJson(file);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.sheet, f.cell, f.value])).toEqual([
      ['wrong-type', '村级调查', 'D4', '#DIV/0!'],
      ['wrong-type', '村级调查', 'D5', '=C3*4'],
    ]);
    const check = await cli(['check', file, '-s', demo, '--format', 'json', '--as-of', '2026-01-01']);
    const results = (JSON.parse(check.stdout) as { results: { record: string; rule: string; status: string; cell: string }[] }).results;
    expect(results.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.status, r.cell])).toEqual([
      ['B', 'unknown', 'D4'],
      ['C', 'unknown', 'D5'],
    ]);
  });

  it('an unreadable file exits 2', async () => {
    const run = await cli(['validate', join(root, 'fixtures', 'bad', 'truncated.json'), '-s', demo]);
    expect(run.code).toBe(2);
  });

  it('dabiao schema survey prints the record schema validate uses', async () => {
    const run = await cli(['schema', 'survey']);
    const schema = JSON.parse(run.stdout) as { properties: Record<string, { type?: string; enum?: string[] }> };
    expect(schema.properties.level?.enum).toEqual(['city', 'county', 'township', 'village']);
    expect(schema.properties.service_center_area_m2?.type).toBe('number');
    expect(schema.properties.facilities?.type).toBe('array');
  });
});

describe('validate for CI: SARIF, GitHub annotations and JUnit at file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dabiao-validate-ci-'));
  const file = join(dir, 'bad.csv');
  const schemas = join(import.meta.dirname, '..', '..', 'shared', 'schemas');
  beforeAll(() => writeFileSync(file, '编号,级别,服务中心面积\nA1,村,abc\nA1,镇村,300\n'));

  it('SARIF: one result per finding at its line and column', async () => {
    const run = await cli(['validate', file, '-s', 'water-town-2013', '-f', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn?: number } } }[] }[] }[] };
    const located = sarif.runs[0]?.results.filter((r) => r.ruleId !== 'missing-column').map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.region.startLine, r.locations[0]?.physicalLocation.region.startColumn]);
    expect(located).toEqual([
      ['wrong-type', 'error', 2, 3],
      ['not-allowed', 'error', 3, 2],
      ['duplicate-id', 'error', 3, 1],
    ]);
  });

  it.skipIf(!existsSync(schemas))('SARIF: valid against the official SARIF 2.1.0 schema (errata01)', async () => {
    const run = await cli(['validate', file, '-s', 'water-town-2013', '-f', 'sarif']);
    const schema = JSON.parse(readFileSync(join(schemas, 'sarif-schema-2.1.0.errata01.draft-04.json'), 'utf8')) as object;
    const validate = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(JSON.parse(run.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('GitHub: one annotation per finding, in the user\'s language', async () => {
    const run = await cli(['validate', file, '-s', 'water-town-2013', '-f', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((line) => !line.includes('missing-column') && line !== '')).toEqual([
      `::error file=${file},line=2,col=3,title=dabiao validate%3A wrong-type::服务中心面积的值 “abc” 不是有效的数字`,
      `::error file=${file},line=3,col=2,title=dabiao validate%3A not-allowed::级别的值 “镇村” 不在允许的取值中（市/县/乡镇/村）`,
      `::error file=${file},line=3,col=1,title=dabiao validate%3A duplicate-id::编号 “A1” 重复（第一次出现在第 2 行）`,
    ]);
  });

  it('JUnit: a suite per file, a failure per error', async () => {
    const run = await cli(['validate', file, '-s', 'water-town-2013', '-f', 'junit']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<testcase name="wrong-type 2" classname="validate.wrong-type" time="0"><failure type="wrong-type" message="服务中心面积的值 “abc” 不是有效的数字"/></testcase>');
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, '编号,级别,人口\nB1,村,2000\n');
    writeFileSync(join(dir, 'p.yaml'), 'id: p\ntitle: {zh: 人口}\nsource: {document: 测试}\nrules:\n  - {id: p, title: {zh: 人口}, severity: 必须, check: {kind: min, field: population, min: 1}, citation: {section: 一, quote: 人口条款}}\n');
    const ok = await cli(['validate', clean, '-s', join(dir, 'p.yaml'), '-f', 'junit']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`<testsuite name="${clean}" id="0" package="dabiao" tests="1" failures="0" errors="0" skipped="0"`);
  });
});
