// dabiao plan states, for a site, exactly what `check` will demand of it: a record built from the
// binding values passes every applicable rule of every bundled standard, and one unit below (or above)
// any binding bound fails the rule it comes from.
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../src/engine/checks/index.js';
import { compile } from '../src/engine/compile.js';
import { planSite, type PlanTopic, type SitePlanResult } from '../src/engine/plan.js';
import { bundledIds } from '../src/standards/load.js';
import { cli } from './helpers/cli.js';
import { dictionary, runEngine, standards } from './helpers/engine.js';

const SITES = [
  { level: 'village', area_type: 'rural', build_type: 'new' },
  { level: 'village', area_type: 'urban', build_type: 'renovated' },
  { level: 'township', area_type: 'rural', build_type: 'new' },
  { level: 'township', area_type: 'urban', build_type: 'renovated' },
  { level: 'county', area_type: 'urban', build_type: 'new' },
  { level: 'city', area_type: 'urban', build_type: 'new' },
].map((site) => ({ ...site, households: 1200, population: 3600 }));

function planFor(id: string, site: Record<string, unknown>): SitePlanResult {
  const selected = standards([id]);
  const compiled = compile(selected, { asOf: '2026-11-22', dictionary: dictionary(), kinds: checkKinds });
  return planSite(compiled, { file: 'site', line: 1, values: new Map(Object.entries(site)) }, { kinds: checkKinds, dictionary: dictionary() });
}

const topics = (plan: SitePlanResult): PlanTopic[] => [...plan.binding, ...plan.notYetDue, ...plan.guidance];

/** The entries a list field needs: every named item, each category filled, and `count` entries
 * where a count is being met (only the named entries count when the count names them). */
function listFor(field: string, plan: SitePlanResult, count: number | undefined): string {
  const same = topics(plan).filter((t) => t.field === field);
  const required = new Set(same.flatMap((t) => t.items.map((i) => i.item)));
  for (const topic of same) {
    for (const group of topic.groups) for (let i = 0; i < group.min; i++) required.add(group.items?.[i] ?? `样例${i + 1}${group.suffix ?? ''}`);
  }
  if (count === undefined) return [...required].join('、');
  const of = same.flatMap((t) => t.binding?.of ?? []);
  if (of.length > 0) return [...[...required].filter((e) => !of.includes(e)), ...of.slice(0, count)].join('、') || '无';
  const entries = [...required].slice(0, count);
  while (entries.length < count) entries.push(`条目${entries.length + 1}`);
  return entries.join('、') || '无';
}

/** A record meeting exactly the binding value of every topic (across binding, not-yet-due and guidance). */
function recordMeeting(plan: SitePlanResult, site: Record<string, unknown>, override: { field: string; count: number } | undefined = undefined): Record<string, unknown> {
  const record: Record<string, unknown> = { id: 'site', ...site };
  // The site's own figures stay: the plan was made for them.
  const fields = [...new Set(topics(plan).map((t) => t.field))].filter((field) => !(field in site));
  for (const field of fields) {
    const same = topics(plan).filter((t) => t.field === field);
    const mins = same.flatMap((t) => (t.binding?.min ? [t.binding.min.value] : []));
    const maxes = same.flatMap((t) => (t.binding?.max ? [t.binding.max.value] : []));
    const equals = same.find((t) => t.binding?.equals !== undefined)?.binding?.equals;
    const isCount = same.some((t) => t.binding?.count);
    const isList = same.some((t) => t.items.length > 0 || t.groups.length > 0);
    const value = mins.length > 0 ? Math.max(...mins) : maxes.length > 0 ? Math.min(...maxes) : undefined;
    if (isCount || isList) record[field] = listFor(field, plan, override?.field === field ? override.count : isCount ? value : undefined);
    else if (value !== undefined) record[field] = value;
    else if (equals !== undefined) record[field] = equals ? '是' : '否';
  }
  return record;
}

/**
 * The site with every figure the plan asks for answered (a kiosk, a demonstration village, an office
 * area …), so that every rule can state its demand: scope fields take the first value a rule of the
 * standard scopes to (yes for a yes/no field), other figures a plausible number.
 */
function answered(id: string, base: Record<string, unknown>): { site: Record<string, unknown>; plan: SitePlanResult } {
  const rules = standards([id])[0]!.rules;
  let site = { ...base };
  let plan = planFor(id, site);
  for (let round = 0; round < 5 && plan.needs.length > 0; round++) {
    for (const field of new Set(plan.needs.flatMap((n) => n.fields))) {
      const def = dictionary().fields.get(field);
      const scoped = rules.find((rule) => rule.scope?.[field])?.scope?.[field]?.[0];
      site = { ...site, [field]: scoped ?? (def?.type === 'boolean' ? 'true' : 100) };
    }
    plan = planFor(id, site);
  }
  return { site, plan };
}

describe.each(bundledIds())('plan and check agree for %s', (id) => {
  it.each(SITES.map((site) => [site.level, site.area_type, site] as const))('a %s (%s) site built to the plan passes', async (_level, _area, base) => {
    const { site, plan } = answered(id, base);
    expect(plan.needs).toEqual([]);
    const conflicts = topics(plan).filter((t) => t.conflict).map((t) => t.field);
    expect(conflicts).toEqual([]);
    const record = recordMeeting(plan, site);
    const [standard] = standards([id]);
    const { results } = await runEngine([standard!], [record]);
    const perRecord = results.filter((r) => r.record !== null);
    // Where the site's own figures are judged (a draft), check says what plan said.
    const drafts = new Map(topics(plan).flatMap((t) => t.demands.filter((d) => d.draft !== null).map((d) => [d.rule, d.draft?.status] as const)));
    for (const [rule, status] of drafts) expect([rule, perRecord.find((r) => r.rule === rule)?.status]).toEqual([rule, status]);
    expect(perRecord.filter((r) => !drafts.has(r.rule) && r.status !== 'pass' && r.status !== 'not_applicable').map((r) => `${r.rule}: ${r.status} ${JSON.stringify(r.reason)}`)).toEqual([]);
    // Every demand the plan lists is a rule check judges for this record.
    const demanded = topics(plan).flatMap((t) => t.demands.map((d) => d.rule));
    for (const rule of demanded.filter((r) => !drafts.has(r))) expect(perRecord.find((r) => r.rule === rule)?.status).toBe('pass');

    // One unit past any binding bound fails the rule it comes from.
    for (const topic of topics(plan)) {
      for (const side of ['min', 'max'] as const) {
        const bound = topic.binding?.[side];
        if (!bound || (side === 'min' && bound.value < 1)) continue;
        const past = side === 'min' ? bound.value - 1 : bound.value + 1;
        const off = topic.binding?.count ? recordMeeting(plan, site, { field: topic.field, count: past }) : { ...record, [topic.field]: past };
        const rerun = await runEngine([standard!], [off]);
        expect([topic.field, side, rerun.results.find((r) => r.rule === bound.rule && r.record !== null)?.status]).toEqual([topic.field, side, 'fail']);
      }
    }
  });
});

describe('dabiao plan', () => {
  it('lists, for a rural village of 1,200 households, each standard\'s demand on the centre area and the binding one', async () => {
    // Every bundled standard named one by one (plan asks for the site's own; here all are wanted).
    const every = bundledIds().flatMap((id) => ['-s', id]);
    const run = await cli(['plan', '--level', 'village', '--area-type', 'rural', '--households', '1200', '-f', 'json', ...every]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Omit<SitePlanResult, 'regionWide'> & { region_wide: SitePlanResult['regionWide'] };
    const plan = { ...json, regionWide: json.region_wide };
    const area = plan.binding.find((t) => t.field === 'service_center_area_m2');
    // Water-town's 350 m² binds only its 41 programme villages on 2013 data, xiaogan's 300 m² only
    // demonstration villages: neither speaks to an ordinary village in 2026.
    expect(area?.demands.map((d) => [d.standard, d.requirement.min])).toEqual([
      ['urban-rural-pilot', 240],
      ['yanchi-2017', 300],
    ]);
    expect(area?.binding?.min).toEqual({ value: 300, standard: 'yanchi-2017', rule: 'service-facility-area' });
    // Baokang fixes a 500 m² floor; which tier a 1,200-household community takes is an interpretation,
    // so the 1,500 m² tier is guidance and marked as such.
    const premises = plan.binding.find((t) => t.field === 'office_activity_space_m2');
    expect(premises?.binding?.min).toEqual({ value: 500, standard: 'baokang-2012', rule: 'rural-premises-area-floor' });
    const tier = plan.guidance.find((t) => t.field === 'office_activity_space_m2')?.demands[0];
    expect(tier).toMatchObject({ standard: 'baokang-2012', rule: 'rural-premises-area-tiers', interpreted: true, requirement: { min: 1500 } });
    expect(tier?.interpretation?.en).toContain('thirds');
    // The union checklist of rooms, each with the standards that ask for it.
    const facilities = plan.binding.find((t) => t.field === 'facilities');
    expect(facilities?.items.find((i) => i.item === '室外文体活动场地')?.standards).toEqual(['urban-rural-pilot', 'xishan-2008']);
    expect(facilities?.groups.find((g) => g.suffix === '站')).toMatchObject({ min: 7, standards: ['xishan-2008'] });
    // A range: households between 500 and 1,500 for a rural community (baokang-2012).
    const households = plan.binding.find((t) => t.field === 'households');
    expect(households?.binding).toMatchObject({ min: { value: 500, standard: 'baokang-2012' }, max: { value: 1500, standard: 'baokang-2012' } });
    // Guidance and not-yet-due requirements are kept apart; a boolean requirement is stated as such.
    expect(plan.binding.find((t) => t.field === 'has_community_logo')?.binding).toEqual({ equals: true });
    expect(plan.guidance.length).toBeGreaterThan(0);
    // Figures the planner did not give are asked for, never guessed; aggregates are region-wide.
    expect(plan.needs.some((n) => n.fields.includes('build_type'))).toBe(true);
    expect(plan.regionWide.some((r) => r.rule === 'service-center-coverage')).toBe(true);
  });

  it('judges a draft value and states the gap; a failing draft exits 1', async () => {
    const run = await cli(['plan', '--level', 'village', '--area-type', 'rural', '--households', '1200', '--set', 'service_center_area_m2=320', '--set', '是否重点推进村=是', '--as-of', '2013-12-31', '-s', 'water-town-2013', '-s', 'urban-rural-pilot']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('water-town-2013/village-centre-area: ≥ 350平方米 → 草案 320平方米：不通过，差 30');
    expect(run.stdout).toContain('urban-rural-pilot/village-centre-area: ≥ 240平方米 （每100户20平方米 × 1,200户） → 草案 320平方米：通过');
  });

  it('asks for the jurisdiction\'s standards when none is named: exit 2 with the list', async () => {
    const run = await cli(['plan', '--level', '村']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^dabiao: 请用 -s 指明场地所在地的标准（可多个）；内置标准：baokang-2012（保康县城乡社区建设思考及建议（2012））、jiyuan-2010（/);
    expect(run.stderr).toContain('xishan-2008（锡山区农村社区建设工作情况（2008））');
  });

  it('with two standards, binds the strictest of the two and names its source', async () => {
    const run = await cli(['plan', '--level', '村', '--area-type', '农村', '--households', '1200', '-s', 'urban-rural-pilot', '-s', 'yanchi-2017', '-f', 'json']);
    const plan = JSON.parse(run.stdout) as SitePlanResult & { standards: string[]; site: Record<string, unknown> };
    expect(plan.standards).toEqual(['urban-rural-pilot', 'yanchi-2017']);
    expect(plan.binding.find((t) => t.field === 'service_center_area_m2')?.binding?.min).toEqual({ value: 300, standard: 'yanchi-2017', rule: 'service-facility-area' });
    // The check report's conventions: snake_case keys, numbers as numbers.
    expect(plan.site).toEqual({ level: 'village', area_type: 'rural', households: 1200 });
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(['as_of', 'not_yet_due', 'region_wide', 'not_applicable']));
    expect(Object.keys(plan)).not.toContain('notYetDue');
    const text = await cli(['plan', '--level', '村', '--area-type', '农村', '--households', '1200', '-s', 'urban-rural-pilot', '-s', 'yanchi-2017']);
    expect(text.stdout).toContain('■ 服务中心面积 (service_center_area_m2)：≥ 300平方米 (yanchi-2017)');
  });

  it('ticks the rooms the draft has, names each room once, and lists candidates for a category', async () => {
    const run = await cli(['plan', '-s', 'xishan-2008', '--level', '村', '--set', 'facilities=综合服务厅;劳动保障站;阅览室;文體活動室']);
    const lines = run.stdout.split('\n');
    // 劳动保障站, 阅览室 and 文體活動室 are aliases: read as 劳动保障服务站, 图书阅览室 and 文体活动室.
    expect(lines).toContain('    ☑ 厅 至少 1 个（名称以“厅”结尾），方案已有 1 个  (xishan-2008)');
    expect(lines).toContain('    ☐ 站 至少 7 个（名称以“站”结尾），方案已有 1 个  (xishan-2008)');
    expect(lines).toContain('      所选标准提到、可计入的：综治服务管理站');
    expect(lines).toContain('    ☑ 文体活动室  (xishan-2008)');
    expect(lines).toContain('    ☑ 图书阅览室  (xishan-2008)');
    expect(lines).toContain('    ☐ 康复健身室  (xishan-2008)');
    expect(lines.filter((line) => line.endsWith(' 文体活动室  (xishan-2008)'))).toHaveLength(1);
    expect(run.stdout).toContain('■ 设施 (facilities)：须包含 7 项，方案已有 3 项');
  });

  it('asks for households rather than guessing a per-household area', async () => {
    const run = await cli(['plan', '--level', 'village', '--area-type', 'rural', '-s', 'urban-rural-pilot', '-f', 'json']);
    const plan = JSON.parse(run.stdout) as SitePlanResult;
    expect(plan.needs.find((n) => n.rule === 'village-centre-area')?.fields).toEqual(['households']);
    expect(plan.binding.find((t) => t.field === 'service_center_area_m2')).toBeUndefined();
  });

  it('reads a site file and reports unknown fields with a suggestion', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-plan-'));
    const site = join(dir, 'site.yaml');
    writeFileSync(site, '级别: 村\n类型: 农村\n户数: 1200\n服务中心面积: 400\n是否重点推进村: 是\n');
    const run = await cli(['plan', site, '-s', 'water-town-2013', '-f', 'markdown', '--as-of', '2013-12-31']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| 服务中心面积 | ≥ 350平方米 (water-town-2013) | `water-town-2013/village-centre-area` | ≥ 350平方米 | 通过 |');
    writeFileSync(site, '级别: 村\nhouseholdz: 1200\n');
    const bad = await cli(['plan', site, '-s', 'water-town-2013', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "households"');
  });
});

describe('dabiao standards compare', () => {
  it('puts each topic in a row and each standard in a column', async () => {
    const run = await cli(['standards', 'compare', 'water-town-2013', 'yanchi-2017', 'urban-rural-pilot', '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout) as { standards: string[]; topics: { field: string; standards: Record<string, { rule: string; requirement: string; severity: string; deadline: string | null }[]> }[] };
    expect(data.standards).toEqual(['water-town-2013', 'yanchi-2017', 'urban-rural-pilot']);
    const area = data.topics.find((t) => t.field === 'service_center_area_m2');
    expect(area?.standards['water-town-2013']?.[0]).toMatchObject({ rule: 'village-centre-area', severity: 'required', deadline: '2013-11-30' });
    expect(area?.standards['water-town-2013']?.[0]?.requirement).toContain('≥ 350 m²');
    expect(area?.standards['yanchi-2017']?.[0]?.requirement).toContain('≥ 300 m²');
    expect(area?.standards['urban-rural-pilot']?.map((c) => c.rule)).toContain('village-centre-area');
    // Topics the most standards speak to come first.
    expect(Object.keys(data.topics[0]?.standards ?? {}).length).toBe(3);
  });

  it('renders Markdown and HTML with the data escaped', async () => {
    const md = await cli(['standards', 'compare', 'xishan-2008', '-f', 'markdown']);
    expect(md.stdout.split('\n')[0]).toBe('| 主题（字段） | xishan-2008 |');
    const page = await cli(['standards', 'compare', 'xishan-2008', '-f', 'html']);
    expect(page.stdout).toContain('<table>');
    expect(page.stdout).not.toMatch(/<(?!\/?(html|head|meta|title|style|body|table|thead|tbody|tr|th|td|br|small)\b)[a-z]/i);
  });
});
