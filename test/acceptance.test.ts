// Year-end acceptance: a verdict per record and standard, counted by region, rules the survey cannot
// feed told once, waivers, rows under the table that are not records, and the HTML report printed as
// the acceptance sheet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dabiao-acceptance-'));
const path = (name: string) => join(dir, name);

// Two required rules for villages (centre area, households with a centre), guidance on population,
// one required rule for townships.
const STANDARD = `id: county
title: {zh: 县级验收标准, en: county acceptance}
source: {document: 县验收办法}
rules:
  - id: centre-area
    title: {zh: 村服务中心面积不少于350平方米, en: village centre at least 350 m2}
    scope: {level: [村]}
    severity: required
    check: {kind: min, field: service_center_area_m2, min: 350}
    citation: {section: 第三条, quote: 村级服务中心面积不少于350平方米}
  - id: population
    title: {zh: 人口宜不少于2000人, en: population of 2000 or more}
    scope: {level: [村]}
    severity: guidance
    check: {kind: min, field: population, min: 2000}
    citation: {section: 第四条, quote: 人口宜不少于2000人}
  - id: township-centre
    title: {zh: 乡镇服务中心面积不少于1500平方米, en: township centre at least 1500 m2}
    scope: {level: [乡镇]}
    severity: required
    check: {kind: min, field: service_center_area_m2, min: 1500}
    citation: {section: 第五条, quote: 乡镇服务中心面积不少于1500平方米}
`;

// R1 passes the required rule and fails only the guidance; R2 fails it; R3 leaves the area empty; R4 is
// a county, which no rule is for. A total and the form's footer follow the records.
const SURVEY = [
  '编号,名称,级别,所属区域,服务中心面积,人口',
  'R1,东村,村,锡山区/东港镇,400,1000',
  'R2,西村,村,锡山区/东港镇,300,2500',
  'R3,南村,村,锡山区/锡北镇,,2500',
  'R4,锡山区,县,锡山区/锡北镇,5000,400000',
  '合计,,,,5700,406000',
  '填表人：张三 联系电话：0510-12345678',
].join('\n');

interface Report {
  results: { record: string | null; rule: string; status: string; waiver?: { reason: string; approved_by: string } }[];
  records: { record: string; region: string | null; line: number; verdicts: Record<string, string>; failed: string[]; unknown: string[]; waived: string[] }[];
  coverage: { standard: string; uncovered: { rule: string; fields: string[]; severity: string; due: boolean; files: string[] }[] }[];
  summary: {
    records: number;
    results: Record<string, number>;
    regions: { region: string | null; level: number; standard: string; records: number; compliant: number; non_compliant: number; undetermined: number; not_applicable: number }[];
    standards: { standard: string; records: Record<string, number> }[];
  };
}

async function checkJson(survey: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await cli(['check', survey, '-s', path('county.yaml'), '-f', 'json', '--as-of', '2026-12-01', ...args]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

beforeAll(() => {
  writeFileSync(path('county.yaml'), STANDARD);
  writeFileSync(path('survey.csv'), `${SURVEY}\n`);
});

describe('a verdict per record and standard', () => {
  it('compliant, non-compliant, undetermined and not applicable; a guidance failure leaves a record compliant', async () => {
    const { code, report } = await checkJson(path('survey.csv'));
    expect(code).toBe(1);
    expect(report.records.map((r) => [r.record, r.verdicts.county])).toEqual([
      ['R1', 'compliant'],
      ['R2', 'non_compliant'],
      ['R3', 'undetermined'],
      ['R4', 'not_applicable'],
    ]);
    expect(report.records[0]).toMatchObject({ record: 'R1', line: 2, failed: ['county/population'], unknown: [], waived: [] });
    expect(report.records[1]).toMatchObject({ failed: ['county/centre-area'] });
    expect(report.records[2]).toMatchObject({ failed: [], unknown: ['county/centre-area'] });
    expect(report.summary.standards[0]?.records).toEqual({ compliant: 1, non_compliant: 1, undetermined: 1, unknown: 1, not_applicable: 1 });
  });

  it('rolls the verdicts up by region, at each level of a region path', async () => {
    const { report } = await checkJson(path('survey.csv'));
    expect(report.summary.regions).toEqual([
      { region: '锡山区', level: 1, standard: 'county', records: 4, compliant: 1, non_compliant: 1, undetermined: 1, not_applicable: 1 },
      { region: '锡山区/东港镇', level: 2, standard: 'county', records: 2, compliant: 1, non_compliant: 1, undetermined: 0, not_applicable: 0 },
      { region: '锡山区/锡北镇', level: 2, standard: 'county', records: 2, compliant: 0, non_compliant: 0, undetermined: 1, not_applicable: 1 },
    ]);
  });

  it('adds a verdict column per standard to the matrix', async () => {
    const run = await cli(['check', path('survey.csv'), '-s', path('county.yaml'), '-f', 'matrix', '--as-of', '2026-12-01']);
    expect(run.stdout.replace(/^\uFEFF/, '').trimEnd().split('\n')).toEqual([
      '编号,county/centre-area,county/population,county/township-centre,判定:county',
      'R1,pass,fail,not_applicable,compliant',
      'R2,fail,pass,not_applicable,non_compliant',
      'R3,unknown,pass,not_applicable,undetermined',
      'R4,not_applicable,not_applicable,not_applicable,not_applicable',
    ]);
  });
});

describe('rows under the table that are not records', () => {
  it('skips a total and the form footer, names them on stderr, and never checks them as villages', async () => {
    const { report, stderr } = await checkJson(path('survey.csv'));
    expect(report.summary.records).toBe(4);
    expect(report.records.map((r) => r.record)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(stderr).toContain('第 6 行不是记录（合计或表尾：“合计”），已跳过');
    expect(stderr).toContain('第 7 行不是记录（合计或表尾：“填表人：张三 联系电话：0510-12345678”），已跳过');
  });

  it('keeps a village whose name only begins with a footer word', async () => {
    writeFileSync(path('heji.csv'), '编号,名称,级别,服务中心面积\n合计村,合计村,村,360\n');
    const { report } = await checkJson(path('heji.csv'));
    expect(report.records.map((r) => [r.record, r.verdicts.county])).toEqual([['合计村', 'compliant']]);
  });
});

describe('coverage: a rule the survey has no column for', () => {
  it('is told once, not as an unknown under every record, and leaves the verdicts undetermined', async () => {
    writeFileSync(path('no-area.csv'), '编号,名称,级别,人口\nN1,东村,村,2500\nN2,西村,村,2600\nN3,南村,村,900\n');
    const { code, report } = await checkJson(path('no-area.csv'));
    expect(code).toBe(1);
    expect(report.coverage).toEqual([
      {
        standard: 'county',
        uncovered: [
          { rule: 'centre-area', fields: ['service_center_area_m2'], severity: 'required', due: true, files: [path('no-area.csv')] },
          { rule: 'township-centre', fields: ['service_center_area_m2'], severity: 'required', due: true, files: [path('no-area.csv')] },
        ],
      },
    ]);
    expect(report.results.filter((r) => r.rule === 'centre-area')).toEqual([]);
    // Still counted: three unknowns of the area rule.
    expect(report.summary.results.unknown).toBe(3);
    expect(report.records.map((r) => [r.record, r.verdicts.county, r.unknown.length])).toEqual([
      ['N1', 'undetermined', 0],
      ['N2', 'undetermined', 0],
      ['N3', 'undetermined', 0],
    ]);
  });

  it('says so on its pass-rate bar in the HTML report, under the rule\'s Chinese title', async () => {
    await cli(['check', path('no-area.csv'), '-s', path('county.yaml'), '--as-of', '2026-12-01', '-o', path('no-area.html')]);
    const page = readFileSync(path('no-area.html'), 'utf8');
    const bars = [...page.matchAll(/<g class="bar"[^>]*data-uncovered="true"><text[^>]*>([^<]*)<\/text>[\s\S]*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => [m[1], m[2]]);
    expect(bars).toEqual([
      ['村服务中心面积不少于350平方米', '未覆盖（缺少数据列）'],
      ['乡镇服务中心面积不少于1500平方米', '未覆盖（缺少数据列）'],
    ]);
    expect(page).toContain('<p class="coverage" id="coverage">本调查表未覆盖 2 条规则，缺少数据列：“服务中心面积”</p>');
  });

  it('opens the terminal report and is not listed under the records, also with --all', async () => {
    const run = await cli(['check', path('no-area.csv'), '-s', path('county.yaml'), '--as-of', '2026-12-01', '--all']);
    expect(run.stdout.split('\n')[0]).toBe('本调查表未覆盖 2 条规则，缺少数据列：“服务中心面积”');
    expect(run.stdout).not.toContain('centre-area');
  });
});

describe('waivers', () => {
  const waivers = (body: string): string => {
    const file = path(`waivers-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, body);
    return file;
  };
  const R2 = `waivers:
  - record: R2
    standard: county
    rule: centre-area
    reason: 用地审批中，2027年6月前扩建
    approved_by: 锡山区民政局 王五
    approved_on: 2026-10-15
    expires: 2027-06-30
`;

  it('waive a failure: counted apart, never a pass, and the record compliant', async () => {
    const { report } = await checkJson(path('survey.csv'), '--waivers', waivers(R2));
    const waived = report.results.find((r) => r.record === 'R2' && r.rule === 'centre-area');
    expect(waived?.status).toBe('waived');
    expect(waived?.waiver).toEqual({ reason: '用地审批中，2027年6月前扩建', approved_by: '锡山区民政局 王五', approved_on: '2026-10-15', expires: '2027-06-30' });
    expect(report.summary.results).toEqual({ pass: 3, fail: 1, unknown: 1, not_applicable: 6, waived: 1 });
    expect(report.records[1]).toMatchObject({ record: 'R2', verdicts: { county: 'compliant' }, failed: [], waived: ['county/centre-area'] });
  });

  it('never makes exit code 1', async () => {
    writeFileSync(path('two.csv'), '编号,名称,级别,服务中心面积,人口\nR1,东村,村,400,2500\nR2,西村,村,300,2500\n');
    expect((await checkJson(path('two.csv'))).code).toBe(1);
    expect((await checkJson(path('two.csv'), '--waivers', waivers(R2))).code).toBe(0);
  });

  it('an expired waiver does not apply and is named on stderr', async () => {
    const file = waivers(R2.replace('expires: 2027-06-30', 'expires: 2026-11-30'));
    const { code, report, stderr } = await checkJson(path('two.csv'), '--waivers', file);
    expect(code).toBe(1);
    expect(report.summary.results.waived).toBe(0);
    expect(stderr).toContain(`${file}: 第 2 行的豁免（记录 R2，county/centre-area）已于 2026-11-30 到期，未予适用`);
  });

  it('a waiver naming an unknown rule is an error at its line: exit 2, nothing written', async () => {
    const file = waivers(R2.replace('rule: centre-area', 'rule: centre-aera'));
    const run = await cli(['check', path('two.csv'), '-s', path('county.yaml'), '-f', 'json', '--waivers', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`dabiao: ${file}:4:11: 标准 county 中没有规则 “centre-aera”（是否想用 “centre-area”？）`);
  });

  it('a waiver naming an unknown standard is an error too', async () => {
    const run = await cli(['check', path('two.csv'), '-s', path('county.yaml'), '--waivers', waivers(R2.replace('standard: county', 'standard: xishan-2008'))]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('豁免所指的标准 “xishan-2008” 不在本次检查之列');
  });

  it('a waiver naming a record not in the survey is a notice', async () => {
    const { code, stderr } = await checkJson(path('two.csv'), '--waivers', waivers(R2.replace('record: R2', 'record: R9')));
    expect(code).toBe(1);
    expect(stderr).toContain('第 2 行的豁免所指的记录 “R9” 不在调查表中（county/centre-area）');
  });

  it('keep the JSON report valid against the schema dabiao ships', async () => {
    const { report } = await checkJson(path('survey.csv'), '--waivers', waivers(R2));
    const schema = JSON.parse((await cli(['schema', 'report'])).stdout) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.summary.results.waived).toBe(1);
  });

  it('appear as SARIF suppressions and JUnit skipped test cases with the reason', async () => {
    const file = waivers(R2);
    await cli(['check', path('two.csv'), '-s', path('county.yaml'), '--waivers', file, '-o', path('w.sarif'), '-o', path('w.xml'), '-o', path('w.csv')]);
    const sarif = JSON.parse(readFileSync(path('w.sarif'), 'utf8')) as { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string }[] }[] }[] };
    const suppressed = sarif.runs[0]?.results.filter((r) => r.suppressions) ?? [];
    expect(suppressed.map((r) => [r.ruleId, r.suppressions])).toEqual([
      ['county/centre-area', [{ kind: 'external', status: 'accepted', justification: '已豁免：用地审批中，2027年6月前扩建（锡山区民政局 王五 于 2026-10-15 批准，有效至 2027-06-30）' }]],
    ]);
    const xml = readFileSync(path('w.xml'), 'utf8');
    expect(xml).toContain('<testcase name="R2 centre-area" classname="county.centre-area" time="0"><skipped message="已豁免：用地审批中，2027年6月前扩建（锡山区民政局 王五 于 2026-10-15 批准，有效至 2027-06-30）');
    expect(readFileSync(path('w.csv'), 'utf8')).toContain('已豁免,必须');
  });
});

const CHROMIUM = '/usr/bin/chromium';
const canPrint = existsSync(CHROMIUM) && spawnSync('pdftotext', ['-v']).status === 0;

describe.skipIf(!canPrint && !process.env.CI)('the HTML report printed from Chromium as the acceptance sheet', () => {
  it('puts the roll-up on the first page, then each record on a page of its own with its signature block', async () => {
    const run = await cli(['check', path('survey.csv'), '-s', path('county.yaml'), '--as-of', '2026-12-01', '-o', path('sheet.html')]);
    expect(run.code).toBe(1);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await (await browser.newContext({ offline: true })).newPage();
      await page.goto(pathToFileURL(path('sheet.html')).href);
      await page.pdf({ path: path('sheet.pdf'), format: 'A4' });
    } finally {
      await browser.close();
    }
    const pages = execFileSync('pdftotext', [path('sheet.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((text) => text.trim() !== '');
    const firstLine = (text: string): string => text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
    expect(pages).toHaveLength(5);
    expect(firstLine(pages[0] as string)).toBe('达标检查报告');
    expect(pages[0]).toContain('汇总：各区域达标情况');
    expect(pages[0]).toContain('各记录判定');
    expect(pages.slice(1).map(firstLine)).toEqual(['验收表 · 记录 R1 东村', '验收表 · 记录 R2 西村', '验收表 · 记录 R3 南村', '验收表 · 记录 R4 锡山区']);
    for (const text of pages.slice(1)) for (const word of ['验收人', '日期', '意见']) expect(text).toContain(word);
    // R2's page names its failure with the actual value, the requirement, the gap and the quoted clause.
    // (Table cells wrap on paper: compared without white space.)
    const r2 = (pages[2] as string).replace(/\s+/g, '');
    for (const text of ['不通过', '300平方米', '≥350平方米', '差50平方米', '第三条', '“村级服务中心面积不少于350平方米”']) expect(r2).toContain(text);
    // Screen controls do not print.
    for (const text of pages) expect(text).not.toContain('筛选');
  }, 60_000);
});
