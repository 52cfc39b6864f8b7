// The bundled standards read their texts as they are written (the fidelity review of 2026-12): severity
// from the text's own words, rules applied to whom the text names, no binding value resting on an
// invented cut-off, yearly targets judging their year, one meaning per name. End to end, through the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

interface JsonResult {
  record: string | null;
  rule: string;
  status: string;
  severity: string;
  reason: { type: string };
  message: string;
}

const dir = mkdtempSync(join(tmpdir(), 'dabiao-fidelity-'));

async function check(csv: string, args: string[]): Promise<{ code: number; results: JsonResult[]; summary: { blocking: { fail: number; unknown: number }; warnings: number } }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  const run = await cli(['check', file, '-f', 'json', '--all', ...args]);
  const report = JSON.parse(run.stdout) as { results: JsonResult[]; summary: { blocking: { fail: number; unknown: number }; warnings: number } };
  return { code: run.code, results: report.results, summary: report.summary };
}

const of = (results: JsonResult[], record: string, rule: string) => results.find((r) => r.record === record && r.rule === rule);

describe('xiaogan-2012: 力争 targets are guidance; line targets are for rural villages on a line', () => {
  it('a demonstration village short of the 力争 population target gets a warning and exit 0', async () => {
    const { code, results, summary } = await check('编号,级别,类型,是否示范村,是否位于示范线沿线,人口\nX1,村,农村,是,否,1500\n', ['-s', 'xiaogan-2012', '--as-of', '2016-01-01']);
    expect(of(results, 'X1', 'village-population')).toMatchObject({ status: 'fail', severity: 'guidance', message: '人口 1,500人，要求 ≥ 2,000人，差 500人' });
    expect([code, summary.blocking, summary.warnings]).toEqual([0, { fail: 0, unknown: 0 }, 1]);
  });

  it('an urban community gets no line target, even on a line', async () => {
    const { results } = await check('编号,级别,类型,是否示范村,是否位于示范线沿线,农民收入增长率,农民收入增幅高于全市平均水平（百分点）\nU1,村,城市,否,是,3,1\n', ['-s', 'xiaogan-2012']);
    expect(of(results, 'U1', 'farmer-income-growth')).toMatchObject({ status: 'not_applicable', message: '不适用：类型为 城市' });
    expect(of(results, 'U1', 'farmer-income-growth-above-city-average')?.status).toBe('not_applicable');
    expect(results.filter((r) => r.record === 'U1' && r.status === 'fail')).toEqual([]);
  });

  it('a rural village on a line is judged on the line targets', async () => {
    const { results } = await check('编号,级别,类型,是否示范村,是否位于示范线沿线,农民收入增长率\nL1,村,农村,否,是,14.9\n', ['-s', 'xiaogan-2012']);
    expect(of(results, 'L1', 'farmer-income-growth')).toMatchObject({ status: 'fail', severity: 'guidance' });
  });
});

describe('baokang-2012: the floor the text fixes is binding, the tier it does not assign is guidance', () => {
  const facilities = '两委办公场所、便民服务大厅、综治维稳中心、就业培训中心、卫生服务中心、计生服务中心、党员群众电教中心、便民超市';
  const complete = `${facilities}、文体活动中心、农村科技生产服务站、社会治安综合治理站、计生卫生服务站、群团组织办公室、多功能室、村民文体活动广场、民情访谈室、社区工作站`;
  const csv = [
    '编号,级别,类型,户数,办公活动场所面积,设施',
    `B1,村,农村,1200,600,${complete}`,
    `B2,村,农村,1200,499,${complete}`,
    `B3,社区,城市,2000,600,${facilities}、文体活动`,
    `B4,社区,城市,2000,600,${facilities}、文体中心`,
    `B5,社区,城市,2000,600,${facilities}、文化体育活动中心`,
  ].join('\n');

  it('a rural community of 1,200 households with 600 m² has no required failure; the tier is a marked warning', async () => {
    const { results } = await check(csv, ['-s', 'baokang-2012']);
    expect(results.filter((r) => r.record === 'B1' && r.severity === 'required' && r.status === 'fail')).toEqual([]);
    expect(of(results, 'B1', 'rural-premises-area-floor')?.status).toBe('pass');
    expect(of(results, 'B1', 'rural-premises-area-tiers')).toMatchObject({ status: 'fail', severity: 'guidance' });
    expect(of(results, 'B2', 'rural-premises-area-floor')).toMatchObject({ status: 'fail', severity: 'required', message: '办公活动场所面积 499平方米，要求 ≥ 500平方米，差 1平方米' });
  });

  it('1+8 fails with the function 文体活动 in the facility list and passes with 文体中心 or 文化体育活动中心', async () => {
    const { results } = await check(csv, ['-s', 'baokang-2012']);
    expect(of(results, 'B3', 'urban-one-plus-eight-facilities')).toMatchObject({ status: 'fail', message: '设施缺少：文体活动中心' });
    expect(of(results, 'B4', 'urban-one-plus-eight-facilities')?.status).toBe('pass');
    expect(of(results, 'B5', 'urban-one-plus-eight-facilities')?.status).toBe('pass');
  });

  it('the JSON report marks the tier rule as interpreted', async () => {
    const file = join(dir, 'tier.csv');
    writeFileSync(file, csv);
    const run = await cli(['check', file, '-s', 'baokang-2012', '-f', 'json']);
    const report = JSON.parse(run.stdout) as { results: { rule: string; title: string; interpreted?: boolean }[] };
    expect(report.results.find((r) => r.rule === 'rural-premises-area-tiers')).toMatchObject({ title: '农村社区办公活动场所按户数分500、800、1500平方米三档（解读）', interpreted: true });
  });
});

describe('jiyuan-2010: a 2010 quota judges 2010 data only', () => {
  const csv = '编号,级别,统计年度,当年新建省级生态文明村数\nJ2010,市,2010,12\nJ2013,市,2013,12\n';

  it('a 2013 record is not judged on the 2010 quota while a 2010 record is', async () => {
    const { results } = await check(csv, ['-s', 'jiyuan-2010', '--as-of', '2013-06-30']);
    expect(of(results, 'J2010', 'new-provincial-eco-villages')).toMatchObject({ status: 'fail', message: '当年新建省级生态文明村数 12个，要求 ≥ 20个，差 8个' });
    expect(of(results, 'J2013', 'new-provincial-eco-villages')).toMatchObject({ status: 'not_applicable', message: '不适用：该指标针对 2010 年度的数据，本记录为 2013 年度' });
    expect(results.filter((r) => r.record === 'J2013' && r.status !== 'not_applicable')).toEqual([]);
  });
});

describe('urban-rural-pilot: a kiosk rule for kiosks, and more space for residents than for offices', () => {
  it('a village without a kiosk has no required kiosk-services result', async () => {
    const { results } = await check('编号,级别,类型,是否设有社区便民服务亭,便民服务亭服务内容\nK0,村,农村,否,\nK1,村,农村,是,公共服务\n', ['-s', 'urban-rural-pilot']);
    expect(of(results, 'K0', 'convenience-kiosk-services')).toMatchObject({ status: 'not_applicable', message: '不适用：是否设有社区便民服务亭为 否' });
    expect(of(results, 'K1', 'convenience-kiosk-services')).toMatchObject({ status: 'fail', severity: 'required' });
  });

  it('activity space against office space: equal passes, below fails, above passes', async () => {
    const { results } = await check('编号,级别,类型,活动服务用房面积,办公用房面积\nA,村,农村,100,100\nB,村,农村,99.9,100\nC,村,农村,100.1,100\n', ['-s', 'urban-rural-pilot']);
    expect(['A', 'B', 'C'].map((record) => of(results, record, 'activity-space-over-office')?.status)).toEqual(['pass', 'fail', 'pass']);
    expect(of(results, 'B', 'activity-space-over-office')?.message).toBe('活动服务用房面积 99.9平方米，要求 ≥ 100平方米 （办公用房面积），差 0.1平方米');
  });
});

describe('yanchi-2017: 推进 is guidance; 乡镇驻地 services are for township-seat villages', () => {
  it('the community police officer target is guidance and full proxy service applies to seat villages only', async () => {
    const { results } = await check('编号,级别,类型,是否乡镇驻地村,社区民警人数,服务功能\nS1,村,农村,是,0,一门受理\nS2,村,农村,否,0,一门受理\n', ['-s', 'yanchi-2017']);
    expect(of(results, 'S1', 'community-police-officer')).toMatchObject({ status: 'fail', severity: 'guidance' });
    expect(of(results, 'S1', 'full-proxy-service')).toMatchObject({ status: 'fail', severity: 'required' });
    expect(of(results, 'S2', 'full-proxy-service')?.status).toBe('not_applicable');
  });
});

describe('lint refuses a rule item that is an alias', () => {
  it('names the file, the line and the canonical name', async () => {
    const file = join(dir, 'alias.yaml');
    writeFileSync(
      file,
      `id: alias
title: {zh: 别名, en: alias}
source: {document: test}
rules:
  - id: venue
    title: {zh: 文体中心, en: venue}
    severity: required
    check: {kind: checklist, field: facilities, items: [文体中心]}
    citation: {section: s, quote: q1}
`,
    );
    const run = await cli(['lint', file]);
    expect(run.code).toBe(2);
    // check reads the alias as its canonical name, and says so.
    const survey = join(dir, 'venue.csv');
    writeFileSync(survey, '编号,设施\nA,文化体育活动中心\n');
    const checked = await cli(['check', survey, '-s', file, '-f', 'json']);
    expect([checked.code, (JSON.parse(checked.stdout) as { summary: { results: { pass: number } } }).summary.results.pass]).toEqual([0, 1]);
    expect(checked.stderr).toContain(`dabiao: ${file}:8:57: “文体中心” 是字段 facilities 词表中 “文体活动中心” 的别名`);
    expect(run.stderr.trim()).toBe(`dabiao: ${file}:8:57: “文体中心” 是字段 facilities 词表中 “文体活动中心” 的别名；规则中请写规范名称 “文体活动中心”（检查时按 “文体活动中心” 读取，lint 拒绝）`);
  });
});
