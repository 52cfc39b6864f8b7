// What a standard can say: scopes on any yes/no or enum field (in the words surveys use), targets for
// one year of data, one field compared with another, canonical item names per field vocabulary,
// percentage points, and requirements marked as interpretations.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DabiaoError, type Problem } from '../src/errors.js';
import { checkKinds } from '../src/engine/checks/index.js';
import { compile } from '../src/engine/compile.js';
import { planSite } from '../src/engine/plan.js';
import { makeContext } from '../src/report/context.js';
import { describeResult } from '../src/report/describe.js';
import { parseDictionary } from '../src/standards/dictionary.js';
import { renderProblem } from '../src/i18n/problems.js';
import type { Result } from '../src/model.js';
import { cli } from './helpers/cli.js';
import { dictionary, oneRule, runEngine, standardFromYaml, toRecords } from './helpers/engine.js';

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

async function only(check: string, extra: string, record: Record<string, unknown>, asOf = '2026-11-22', year?: number): Promise<Result> {
  const standard = oneRule(check, extra);
  if (year === undefined) {
    const { results } = await runEngine([standard], [record], asOf);
    return results[0] as Result;
  }
  // --year: compile with the survey's year as the CLI does.
  const plan = compile([standard], { asOf, year, dictionary: dictionary(), kinds: checkKinds });
  const { Evaluator } = await import('../src/engine/evaluate.js');
  const { batchOfRecords } = await import('../src/survey/batches.js');
  const { Parsers } = await import('../src/survey/typing.js');
  const results = new Evaluator(plan).evaluate(batchOfRecords(toRecords([record]), new Parsers(dictionary()))).results(() => true);
  return results[0] as Result;
}

describe('scopes on any yes/no or enum field', () => {
  const kiosk = 'scope: {has_convenience_kiosk: [true]}';
  const check = '{kind: checklist, field: convenience_kiosk_services, items: [公共服务, 公益服务, 便利服务]}';

  it('a community without a kiosk is out of scope of the kiosk services rule', async () => {
    const result = await only(check, kiosk, { has_convenience_kiosk: '否', convenience_kiosk_services: '' });
    expect(result.status).toBe('not_applicable');
    expect(result.reason).toEqual({ type: 'out-of-scope', field: 'has_convenience_kiosk', value: 'false' });
  });

  it('a community with a kiosk is judged', async () => {
    expect((await only(check, kiosk, { has_convenience_kiosk: '是', convenience_kiosk_services: '公共服务、公益服务、便利服务' })).status).toBe('pass');
    expect((await only(check, kiosk, { has_convenience_kiosk: '有', convenience_kiosk_services: '公共服务' })).status).toBe('fail');
  });

  it('a record that does not say whether it has a kiosk is unknown, not assumed either way', async () => {
    const result = await only(check, kiosk, { convenience_kiosk_services: '公共服务、公益服务、便利服务' });
    expect(result.status).toBe('unknown');
    expect(result.reason).toEqual({ type: 'missing', fields: ['has_convenience_kiosk'] });
  });

  it('scope values may be written as survey files write them: 村, 农村, 是', async () => {
    const standard = oneRule('{kind: min, field: households, min: 1}', 'scope: {level: [村], area_type: 农村, is_demonstration_village: 是}');
    expect(standard.rules[0]?.scope).toEqual({ level: ['village'], area_type: ['rural'], is_demonstration_village: ['true'] });
    const base = { level: '村', area_type: '农村', is_demonstration_village: '是', households: 10 };
    const { results } = await runEngine([standard], [base, { ...base, area_type: '城市' }, { ...base, is_demonstration_village: '否' }]);
    expect(results.map((r) => r.status)).toEqual(['pass', 'not_applicable', 'not_applicable']);
  });

  it('a scope on a field that is not yes/no or enum, or a value the field does not know, is refused at its line', () => {
    const found = problems(`${header}  - id: r
    title: {zh: 规则, en: rule}
    severity: required
    scope: {households: [100], level: [hamlet], has_convenience_kiosk: [maybe], no_such_field: [true]}
    check: {kind: min, field: households, min: 1}
    citation: {section: s, quote: q1}
`);
    expect(found.map((p) => [p.code, p.params.field, p.location?.line])).toEqual([
      ['scope-field-type', 'households', 8],
      ['unknown-scope-value', 'level', 8],
      ['unknown-scope-value', 'has_convenience_kiosk', 8],
      ['unknown-field', 'no_such_field', 8],
    ]);
  });
});

describe('targets for one year of data', () => {
  const quota = '{kind: min, field: new_provincial_eco_villages_count, min: 20}';

  it('judges data of the target year and not data of another year', async () => {
    const of2010 = await only(quota, 'year: 2010', { year: 2010, new_provincial_eco_villages_count: 12 }, '2013-06-30');
    expect([of2010.status, of2010.gap]).toEqual(['fail', 8]);
    const of2013 = await only(quota, 'year: 2010', { year: 2013, new_provincial_eco_villages_count: 12 }, '2013-06-30');
    expect(of2013.status).toBe('not_applicable');
    expect(of2013.reason).toEqual({ type: 'other-year', year: 2013, target: { from: 2010, to: 2010 } });
  });

  it('a record without a year is of --year, or of the year of --as-of', async () => {
    expect((await only(quota, 'year: 2010', { new_provincial_eco_villages_count: 12 }, '2013-06-30')).status).toBe('not_applicable');
    expect((await only(quota, 'year: 2010', { new_provincial_eco_villages_count: 12 }, '2010-12-31')).status).toBe('fail');
    expect((await only(quota, 'year: 2010', { new_provincial_eco_villages_count: 12 }, '2013-06-30', 2010)).status).toBe('fail');
  });

  it('a period covers each of its years; an unreadable year is unknown', async () => {
    const period = 'year: {from: 2011, to: 2015}';
    expect((await only(quota, period, { year: 2011, new_provincial_eco_villages_count: 20 })).status).toBe('pass');
    expect((await only(quota, period, { year: 2015, new_provincial_eco_villages_count: 20 })).status).toBe('pass');
    expect((await only(quota, period, { year: 2016, new_provincial_eco_villages_count: 20 })).status).toBe('not_applicable');
    expect((await only(quota, period, { year: '去年', new_provincial_eco_villages_count: 20 })).status).toBe('unknown');
  });

  it('says which year the target is for', async () => {
    const result = await only(quota, 'year: 2010', { year: 2013, new_provincial_eco_villages_count: 12 });
    const context = makeContext({ lang: 'zh', asOf: '2026-11-22', dictionary: dictionary(), standards: [], inputs: [], all: false, maxRecords: 0, color: false });
    expect(describeResult(result, context)).toBe('不适用：该指标针对 2010 年度的数据，本记录为 2013 年度');
  });

  it('the CLI takes --year and refuses a year that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-year-'));
    const standard = join(dir, 'quota.yaml');
    writeFileSync(standard, `${header}  - id: quota
    title: {zh: 当年新建省级生态文明村20个, en: 20 new villages}
    severity: required
    year: 2010
    check: ${quota}
    citation: {section: s, quote: q1}
`);
    const survey = join(dir, 'city.csv');
    writeFileSync(survey, '编号,当年新建省级生态文明村数\nC1,12\n');
    const judged = await cli(['check', survey, '-s', standard, '--as-of', '2013-06-30', '--year', '2010', '-f', 'json']);
    expect([judged.code, JSON.parse(judged.stdout).results[0].status]).toEqual([1, 'fail']);
    const later = await cli(['check', survey, '-s', standard, '--as-of', '2013-06-30', '-f', 'json']);
    expect([later.code, JSON.parse(later.stdout).summary.results.not_applicable]).toEqual([0, 1]);
    const bad = await cli(['check', survey, '-s', standard, '--year', '10']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'dabiao: 用法错误：--year 应为年份，如 2010']);
  });
});

describe('compare: one field against another', () => {
  const check = '{kind: compare, field: activity_space_m2, op: ">=", other: office_space_m2}';

  it.each([
    ['equal areas pass', { activity_space_m2: 120, office_space_m2: 120 }, 'pass', null],
    ['just below the other fails, by the difference', { activity_space_m2: 119.5, office_space_m2: 120 }, 'fail', 0.5],
    ['above the other passes', { activity_space_m2: 120.5, office_space_m2: 120 }, 'pass', null],
    ['the other missing is unknown', { activity_space_m2: 120 }, 'unknown', null],
    ['the field missing is unknown', { office_space_m2: 120 }, 'unknown', null],
  ])('%s', async (_name, record, status, gap) => {
    const result = await only(check, '', record);
    expect([result.status, result.gap]).toEqual([status, gap]);
  });

  it('<= bounds the field by the other from above', async () => {
    const atMost = '{kind: compare, field: office_space_m2, op: "<=", other: activity_space_m2}';
    expect((await only(atMost, '', { office_space_m2: 100, activity_space_m2: 100 })).status).toBe('pass');
    expect((await only(atMost, '', { office_space_m2: 101, activity_space_m2: 100 })).status).toBe('fail');
  });

  it('states the other field in the requirement', async () => {
    const result = await only(check, '', { activity_space_m2: 80, office_space_m2: 120 });
    const context = makeContext({ lang: 'zh', asOf: '2026-11-22', dictionary: dictionary(), standards: [], inputs: [], all: false, maxRecords: 0, color: false });
    expect(describeResult(result, context)).toBe('活动服务用房面积 80平方米，要求 ≥ 120平方米 （办公用房面积），差 40平方米');
  });

  it('plan demands the other field of the site, or asks for it', () => {
    const standard = oneRule(check);
    const plan = compile([standard], { asOf: '2026-11-22', dictionary: dictionary(), kinds: checkKinds });
    const site = (values: Record<string, unknown>) => toRecords([values])[0]!;
    const known = planSite(plan, site({ office_space_m2: 150 }), { kinds: checkKinds, dictionary: dictionary() });
    expect(known.binding[0]?.binding?.min).toEqual({ value: 150, standard: 't', rule: 'r' });
    const unknown = planSite(plan, site({}), { kinds: checkKinds, dictionary: dictionary() });
    expect(unknown.needs.map((n) => n.fields)).toEqual([['office_space_m2']]);
  });

  it('refuses comparing a field with itself or fields of different units', () => {
    expect(problems(`${header}  - id: r
    title: {zh: 规则, en: rule}
    severity: required
    check: {kind: compare, field: activity_space_m2, other: households}
    citation: {section: s, quote: q1}
`).map((p) => [p.code, p.params.rule, p.params.detail])).toEqual([['bad-threshold', 'units-differ', 'm2 / households']]);
  });
});

describe('vocabularies per field', () => {
  it('文体活动中心 is a facility and 文体活动 a function', async () => {
    const facility = '{kind: checklist, field: facilities, items: [文体活动中心]}';
    expect((await only(facility, '', { facilities: '文体中心' })).status).toBe('pass');
    expect((await only(facility, '', { facilities: '文化体育活动中心' })).status).toBe('pass');
    expect((await only(facility, '', { facilities: '文体活动' })).status).toBe('fail');
    const service = '{kind: checklist, field: functions, items: [文体活动]}';
    expect((await only(service, '', { functions: '文化体育活动' })).status).toBe('pass');
    expect((await only(service, '', { functions: '文体活动中心' })).status).toBe('fail');
  });

  it('lint refuses a rule item that is an alias, naming the canonical name', () => {
    const found = problems(`${header}  - id: r
    title: {zh: 规则, en: rule}
    severity: required
    check: {kind: checklist, field: facilities, items: [文体中心, 卫生室]}
    citation: {section: s, quote: q1}
`);
    expect(found.map((p) => [p.code, p.params.item, p.params.canonical, p.location?.line])).toEqual([
      ['alias-item', '文体中心', '文体活动中心', 8],
      ['alias-item', '卫生室', '卫生服务站', 8],
    ]);
  });

  it('the dictionary refuses a name that means two things in one vocabulary', () => {
    const text = `version: 1
units: {}
fields:
  facilities: {type: list, vocabulary: facilities, label: {zh: 设施, en: Facilities}}
vocabularies:
  facilities:
    文体活动中心: [文体中心]
    文体中心: [文化中心]
`;
    let found: Problem[] = [];
    try {
      parseDictionary(text, 'dict.yaml');
    } catch (error) {
      if (error instanceof DabiaoError) found = [...error.problems];
    }
    expect(found.map((p) => [p.params.rule, p.params.value, p.params.other, p.location?.line])).toEqual([['name-taken', '文体中心', '文体活动中心', 8]]);
    expect(renderProblem(found[0]!.code, found[0]!.params, 'zh')).toBe('vocabularies.facilities.文体中心 “文体中心” 已经是 “文体活动中心” 的名称');
  });

  it('a list cell of 无 is an empty list and is not reported as an unknown name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-none-'));
    const survey = join(dir, 'none.csv');
    writeFileSync(survey, '编号,级别,类型,设施\nV1,村,农村,无\n');
    const run = await cli(['check', survey, '-s', 'baokang-2012', '-f', 'json', '--all']);
    expect(run.stderr).not.toContain('“无”');
    const facilities = (JSON.parse(run.stdout).results as { rule: string; actual: unknown; status: string }[]).filter((r) => r.rule === 'one-plus-eight-facilities');
    expect(facilities.map((r) => [r.actual, r.status])).toEqual([[[], 'fail']]);
  });
});

describe('percentage points are not percent', () => {
  it('prints 个百分点 and reads a value written with it', async () => {
    const result = await only('{kind: min, field: farmer_income_growth_above_avg_pp, min: 5}', '', { farmer_income_growth_above_avg_pp: '4.5个百分点' });
    const context = makeContext({ lang: 'zh', asOf: '2026-11-22', dictionary: dictionary(), standards: [], inputs: [], all: false, maxRecords: 0, color: false });
    expect([result.status, describeResult(result, context)]).toEqual(['fail', '农民收入增幅高于全市平均水平 4.5个百分点，要求 ≥ 5个百分点，差 0.5个百分点']);
    expect((await only('{kind: min, field: farmer_income_growth_above_avg_pp, min: 5}', '', { farmer_income_growth_above_avg_pp: '5%' })).status).toBe('unknown');
  });
});

describe('interpreted requirements', () => {
  const interpreted = `${header}  - id: tiers
    title: {zh: 按户数分档, en: Tiers by households}
    severity: guidance
    interpreted: true
    interpretation: {zh: 原文未说明哪一档对应哪一规模，按户数三等分。, en: The text does not say which band takes which tier; split into thirds.}
    check: {kind: min, field: households, min: 1}
    citation: {section: s, quote: q1}
`;

  it('must say how the text was read', () => {
    expect(problems(interpreted.replace(/ {4}interpretation: .*\n/, '')).map((p) => p.code)).toEqual(['interpretation-missing']);
  });

  it('is marked （解读） by standards show, with the interpretation in the language asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-interp-'));
    writeFileSync(join(dir, 't.yaml'), interpreted);
    const zh = await cli(['standards', 'show', join(dir, 't.yaml')]);
    expect(zh.stdout).toContain('t/tiers  按户数分档（解读）  [指导]');
    expect(zh.stdout).toContain('解读: 原文未说明哪一档对应哪一规模，按户数三等分。');
    const en = await cli(['standards', 'show', join(dir, 't.yaml'), '--lang', 'en']);
    expect(en.stdout).toContain('t/tiers  Tiers by households (interpretation)  [guidance]');
    expect(en.stdout).toContain('Interpretation: The text does not say which band takes which tier; split into thirds.');
  });
});
