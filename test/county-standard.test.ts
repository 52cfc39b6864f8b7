// A county's own standard: fields it declares, extends with overrides, Chinese words where users write,
// and lint telling every problem at once in the user's language. The worked example in
// standards/examples/ is run as a user would run it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const example = join(root, 'standards', 'examples', 'county-example.yaml');
const exampleSurvey = join(root, 'standards', 'examples', 'county-example-survey.csv');
const dir = mkdtempSync(join(tmpdir(), 'dabiao-county-'));
const path = (name: string) => join(dir, name);

interface Report {
  standards: { id: string; title: string; rules: { id: string; severity: string; citation: { section: string; document?: string } }[] }[];
  results: { record: string; rule: string; status: string; severity: string; message: string; citation: { section: string; quote: string; document?: string } }[];
  records: { record: string; verdicts: Record<string, string> }[];
}

async function check(survey: string, standard: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await cli(['check', survey, '-s', standard, '-f', 'json', '--all', '--as-of', '2026-12-01', ...args]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const statusOf = (report: Report, record: string, rule: string): string | undefined => report.results.find((r) => r.record === record && r.rule === rule)?.status;

describe('the worked example', () => {
  it('judges its sample survey: one village compliant, one not, one undetermined', async () => {
    const run = await cli(['check', exampleSurvey, '-s', example, '-f', 'json', '--as-of', '2026-12-01']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.records.map((r) => [r.record, r.verdicts['county-example']])).toEqual([
      ['SL-01', 'compliant'],
      ['SL-02', 'non_compliant'],
      ['SL-03', 'undetermined'],
    ]);
  });

  it('is described by `dabiao schema standard`, as an editor would check it', async () => {
    const schema = JSON.parse((await cli(['schema', 'standard'])).stdout) as { properties: Record<string, { items?: { properties?: Record<string, unknown> } }> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['fields', 'extends', 'overrides']));
    expect(schema.properties.rules?.items?.properties?.severity).toEqual({ enum: ['required', 'guidance', '必须', '指导'] });
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(parse(readFileSync(example, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ id: 'x', title: { zh: '甲' }, source: { document: 'd' }, overrides: [{ rule: 'a', check: { min: 2 } }] })).toBe(false);
  });

  it('lints clean', async () => {
    const run = await cli(['lint', example]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${example}: 有效，22 条规则\n`);
  });
});

describe('a field the standard declares', () => {
  it('is read from its Chinese header: pass, fail, unknown', async () => {
    writeFileSync(path('elderly.csv'), '编号,级别,老年活动室面积\nE1,村,60\nE2,村,59.5\nE3,村,\n');
    const { report } = await check(path('elderly.csv'), example);
    expect(['E1', 'E2', 'E3'].map((id) => statusOf(report, id, 'elderly-room-area'))).toEqual(['pass', 'fail', 'unknown']);
    expect(report.results.find((r) => r.record === 'E2' && r.rule === 'elderly-room-area')?.message).toBe('老年活动室面积 59.5平方米，要求 ≥ 60平方米，差 0.5平方米');
  });

  it('joins the dictionary for the run: fields, the survey schema and templates know it', async () => {
    const fields = JSON.parse((await cli(['fields', '-s', example, '-f', 'json'])).stdout) as { field: string; label: { zh: string }; standards: string[] }[];
    expect(fields.find((f) => f.field === 'elderly_room_area_m2')).toMatchObject({ label: { zh: '老年活动室面积' }, standards: ['county-example'] });
    const schema = JSON.parse((await cli(['schema', 'survey', '-s', example])).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('elderly_room_area_m2');
    expect((await cli(['template', '-s', example])).stdout.split('\n')[0]).toContain('老年活动室面积（平方米）');
  });

  it('may not give a bundled field another meaning', async () => {
    writeFileSync(path('clash.yaml'), `id: clash
title: {zh: 冲突}
source: {document: 测试}
fields:
  service_center_area_m2: {type: string, label: {zh: 中心面积说明}}
rules:
  - {id: a, title: {zh: 甲}, severity: 必须, check: {kind: pattern, field: name, pattern: '^.+$'}, citation: {section: 一, quote: 甲条款}}
`);
    const run = await cli(['lint', path('clash.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`dabiao: ${path('clash.yaml')}:5:3: 字段 “service_center_area_m2” 在数据字典中已有另一含义（服务中心面积，number，m2）；请换一个编号`);
    // In English the bundled field is named by its English label, with English punctuation.
    const english = await cli(['lint', path('clash.yaml'), '--lang', 'en']);
    expect(english.code).toBe(2);
    expect(english.stderr.trim()).toBe(`dabiao: ${path('clash.yaml')}:5:3: field "service_center_area_m2" already means something else in the data dictionary (Service centre floor area, number, m2); choose another id`);
  });

  it('may not give one new field two meanings in the standards of one run', async () => {
    const own = (id: string, field: string) => `id: ${id}
title: {zh: ${id}}
source: {document: 测试}
fields:
  ${field}
rules:
  - {id: a, title: {zh: 甲}, severity: 必须, check: {kind: min, field: hall_area_m2, min: 1}, citation: {section: 一, quote: 甲条款}}
`;
    writeFileSync(path('hall-a.yaml'), own('hall-a', 'hall_area_m2: {type: number, unit: m2, label: {zh: 大厅面积, en: Hall floor area}}'));
    writeFileSync(path('hall-b.yaml'), own('hall-b', 'hall_area_m2: {type: integer, label: {zh: 大厅数量, en: Halls}}'));
    writeFileSync(path('halls.csv'), 'id,hall_area_m2\nH1,5\n');
    const zh = await cli(['check', path('halls.csv'), '-s', path('hall-a.yaml'), '-s', path('hall-b.yaml')]);
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim()).toBe(`dabiao: ${path('hall-b.yaml')}: 字段 “hall_area_m2” 在数据字典中已有另一含义（hall-a：大厅面积，number，m2）；请换一个编号`);
    const en = await cli(['check', path('halls.csv'), '-s', path('hall-a.yaml'), '-s', path('hall-b.yaml'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr.trim()).toBe(`dabiao: ${path('hall-b.yaml')}: field "hall_area_m2" already means something else in the data dictionary (hall-a: Hall floor area, number, m2); choose another id`);
  });
});

describe('extends and overrides', () => {
  it('an override raising a threshold turns a pass into a required failure citing the county clause', async () => {
    writeFileSync(path('workers.csv'), '编号,级别,持职业资格证书社工人数\nW1,村,1\n');
    const base = await check(path('workers.csv'), 'xishan-2008');
    expect(statusOf(base.report, 'W1', 'certified-social-worker')).toBe('pass');
    const county = await check(path('workers.csv'), example);
    const result = county.report.results.find((r) => r.record === 'W1' && r.rule === 'certified-social-worker');
    expect(result).toMatchObject({ status: 'fail', severity: 'required', citation: { section: '第六条', quote: '每村至少配备2名持有职业资格证书的社会工作者' } });
    expect(result?.message).toBe('持职业资格证书社工人数 1人，要求 ≥ 2人，差 1人');
  });

  it('a disabled rule gives no result', async () => {
    const { report } = await check(exampleSurvey, example);
    expect(report.results.filter((r) => r.rule === 'outdoor-activity-site')).toEqual([]);
    expect(report.standards[0]?.rules.map((r) => r.id)).not.toContain('outdoor-activity-site');
    const shown = await cli(['standards', 'show', example]);
    expect(shown.stdout).toContain('xishan-2008/outdoor-activity-site  服务中心配备室外活动场地  [已停用]\n  理由: 室外文体活动场地由县体育部门另行验收\n  依据: 第九条');
  });

  it('inherited rules keep their citation to the base document, under the extending standard\'s id', async () => {
    const { report } = await check(exampleSurvey, example);
    const inherited = report.results.find((r) => r.rule === 'service-center-configuration');
    expect(inherited?.citation).toEqual({
      section: '三、完善農村社區的基礎設施,搭建農村社區建設平臺 > 4、制訂標準,規范建設',
      quote: '按照“一廳七站七室兩欄一校一場地”的要求建立集辦公、服務和活動為一體的綜合性社區服務中心',
      document: '區農村社區建設工作情況淺談',
    });
    expect(report.standards.map((s) => s.id)).toEqual(['county-example']);
  });

  it('chains three levels', async () => {
    mkdirSync(path('chain'), { recursive: true });
    writeFileSync(path('chain/city.yaml'), `id: city
title: {zh: 市标准}
source: {document: 市办法}
extends: xishan-2008
rules:
  - {id: city-area, title: {zh: 市面积}, scope: {level: [村]}, severity: 必须, check: {kind: min, field: service_center_area_m2, min: 380}, citation: {section: 市一, quote: 市条款面积}}
`);
    writeFileSync(path('chain/county.yaml'), `id: county
title: {zh: 县标准}
source: {document: 县办法}
extends: ./city.yaml
overrides:
  - {rule: city-area, check: {min: 420}, citation: {section: 县一, quote: 县条款面积}}
`);
    writeFileSync(path('chain/town.yaml'), `id: town
title: {zh: 镇标准}
source: {document: 镇办法}
extends: ./county.yaml
rules:
  - {id: town-area, title: {zh: 镇面积}, scope: {level: [村]}, severity: 指导, check: {kind: min, field: service_center_area_m2, min: 500}, citation: {section: 镇一, quote: 镇条款面积}}
`);
    writeFileSync(path('chain/v.csv'), '编号,级别,服务中心面积\nV1,村,400\n');
    const { report } = await check(path('chain/v.csv'), path('chain/town.yaml'));
    const rules = report.standards[0]?.rules ?? [];
    expect(rules.length).toBe(21 + 1 + 1);
    expect(report.results.filter((r) => ['city-area', 'town-area'].includes(r.rule)).map((r) => [r.rule, r.status, r.severity, r.citation.section, r.citation.document ?? null])).toEqual([
      ['city-area', 'fail', 'required', '县一', '县办法'],
      ['town-area', 'fail', 'guidance', '镇一', null],
    ]);
  });

  it('a cycle is an error naming every file of it', async () => {
    mkdirSync(path('cycle'), { recursive: true });
    const head = (id: string, base: string) => `id: ${id}\ntitle: {zh: ${id}}\nsource: {document: 测试}\nextends: ${base}\n`;
    writeFileSync(path('cycle/a.yaml'), head('a', './b.yaml'));
    writeFileSync(path('cycle/b.yaml'), head('b', './c.yaml'));
    writeFileSync(path('cycle/c.yaml'), head('c', './a.yaml'));
    const run = await cli(['lint', path('cycle/a.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path('cycle/c.yaml')}:4:10: 继承形成循环：`);
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) expect(run.stderr).toContain(name);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing base is an error at its line', async () => {
    writeFileSync(path('orphan.yaml'), 'id: orphan\ntitle: {zh: 孤}\nsource: {document: 测试}\nextends: ./nope.yaml\n');
    const run = await cli(['lint', path('orphan.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`dabiao: ${path('orphan.yaml')}:4:10: 找不到所继承的标准 “./nope.yaml”`);
    writeFileSync(path('orphan2.yaml'), 'id: orphan2\ntitle: {zh: 孤}\nsource: {document: 测试}\nextends: xishan-2009\n');
    expect((await cli(['lint', path('orphan2.yaml')])).stderr.trim()).toBe(`dabiao: ${path('orphan2.yaml')}:4:10: 找不到所继承的标准 “xishan-2009”（是否想用 “xishan-2008”？）`);
  });

  it('a path out of the file\'s folder is refused before anything of it is read', async () => {
    for (const target of ['../../../etc/passwd', '/etc/passwd', 'file:///etc/passwd', '../county.yaml']) {
      mkdirSync(path('escape'), { recursive: true });
      writeFileSync(path('escape/escape.yaml'), `id: escape\ntitle: {zh: 越界}\nsource: {document: 测试}\nextends: ${JSON.stringify(target)}\n`);
      const run = await cli(['check', exampleSurvey, '-s', path('escape/escape.yaml')]);
      expect(run.code, target).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim()).toBe(`dabiao: ${path('escape/escape.yaml')}:4:10: extends 只能是内置标准编号，或本文件所在文件夹内的相对路径；“${target}” 不符合，未读取`);
      expect(run.stderr).not.toContain('root:');
    }
  });
});

describe('Chinese where a user writes', () => {
  it('scope values and severities in Chinese; an English title optional (reports fall back to Chinese)', async () => {
    writeFileSync(path('zh.yaml'), `id: zh-words
title: {zh: 中文标准}
source: {document: 测试}
rules:
  - {id: a, title: {zh: 村面积}, scope: {level: [村], area_type: [农村], build_type: [新建]}, severity: 必须, check: {kind: min, field: service_center_area_m2, min: 350}, citation: {section: 一, quote: 村面积条款}}
  - {id: b, title: {zh: 乡镇面积}, scope: {level: [乡镇, 县]}, severity: 指导, check: {kind: min, field: service_center_area_m2, min: 1500}, citation: {section: 二, quote: 乡镇面积条款}}
`);
    writeFileSync(path('zh.csv'), '编号,级别,类型,建设方式,服务中心面积\nZ1,村,农村,新建,300\nZ2,乡镇,城市,改造,1400\nZ3,村,农村,改造,300\n');
    const { report } = await check(path('zh.csv'), path('zh.yaml'), '--lang', 'en');
    expect(report.results.map((r) => [r.record, r.rule, r.status, r.severity])).toEqual([
      ['Z1', 'a', 'fail', 'required'],
      ['Z1', 'b', 'not_applicable', 'guidance'],
      ['Z2', 'a', 'not_applicable', 'required'],
      ['Z2', 'b', 'fail', 'guidance'],
      ['Z3', 'a', 'not_applicable', 'required'],
      ['Z3', 'b', 'not_applicable', 'guidance'],
    ]);
    expect(report.standards[0]?.title).toBe('中文标准');
  });
});

describe('lint tells every problem of a file at once, in the user\'s language', () => {
  const BROKEN = `id: broken-county
title: {en: Broken}
source: {document: 测试县办法}
extends: xishan-2008
rules:
  - id: a
    title: {zh: 甲}
    scope: {level: [村庄]}
    severity: 强制
    check: {kind: minimum, field: service_center_area_m2, min: 350}
    citation: {section: 一, quote: 甲条款}
  - id: b
    title: {zh: 乙}
    severity: 必须
    check: {kind: min, field: service_center_area_m2, min: 不少于三百}
    deadline: 2026-13-40
    citation: {section: 二, quote: 乙条款}
  - id: c
    title: {zh: 丙}
    severity: 指导
    check: {kind: min, field: elderly_room_area, min: 60}
    citation: {section: 三, quote: 丙条款}
    colour: red
overrides:
  - rule: no-such-rule
    check: {min: 2}
    citation: {section: 四, quote: 丁条款}
  - rule: certified-social-worker
    check: {min: 两名}
`;
  beforeAll(() => writeFileSync(path('broken.yaml'), BROKEN));

  it('in Chinese, each at file:line:col, no schema English', async () => {
    const run = await cli(['lint', path('broken.yaml')]);
    expect(run.code).toBe(2);
    const at = (where: string, message: string) => `dabiao: ${path('broken.yaml')}:${where}: ${message}`;
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      at('2:8', 'title 缺少必填项 “zh”'),
      at('9:15', 'rules[0].severity 取值必须是以下之一：required, guidance, 必须, 指导'),
      at('23:5', 'rules[2].colour 有未知的键 “colour”'),
      at('28:5', 'overrides[1] 缺少必填项 “citation”'),
      at('10:19', '未知的检查类型 “minimum”（是否想用 “min”？）；可用：min, max, range, ratio, tiered, compare, boolean, count, checklist, pattern, share, mean'),
      at('8:21', '适用范围 level 的取值 “村庄” 无效（是否想用 “村”？）；可用：city, 市, county, 县, township, 乡镇, village, 村'),
      at('16:15', '日期 “2026-13-40” 无效，应为 YYYY-MM-DD'),
      at('15:60', 'rules[1].check.min 应为数字'),
      at('21:31', '数据字典中没有字段 “elderly_room_area”'),
      at('25:11', '所继承的标准 xishan-2008 中没有规则 “no-such-rule”'),
      at('29:18', 'overrides[1].check.min 应为数字'),
    ]);
    expect(run.stderr).not.toMatch(/\bmust\b|\bshould\b|property|allowed values/);
  });

  it('as JSON, SARIF and GitHub annotations for CI', async () => {
    const json = JSON.parse((await cli(['lint', path('broken.yaml'), '-f', 'json'])).stdout) as { valid: string[]; problems: { line: number; col: number; code: string; message: string }[] };
    expect(json.valid).toEqual([]);
    expect(json.problems).toHaveLength(11);
    expect(json.problems[9]).toEqual({ file: path('broken.yaml'), line: 25, col: 11, code: 'override-unknown-rule', message: '所继承的标准 xishan-2008 中没有规则 “no-such-rule”' });
    const sarif = JSON.parse((await cli(['lint', path('broken.yaml'), '-f', 'sarif'])).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.region.startLine)).toEqual([2, 9, 23, 28, 10, 8, 16, 15, 21, 25, 29]);
    const github = await cli(['lint', path('broken.yaml'), '-f', 'github', '--lang', 'en']);
    expect(github.code).toBe(2);
    expect(github.stdout.trimEnd().split('\n')[9]).toBe(`::error file=${path('broken.yaml')},line=25,col=11,title=dabiao lint%3A override-unknown-rule::the extended standard xishan-2008 has no rule "no-such-rule"`);
  });
});
