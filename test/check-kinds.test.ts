// Each check kind as a table of {record, expected status}: at, just below and just above thresholds,
// missing and unreadable data. Missing data is never a pass.
import { describe, expect, it } from 'vitest';
import type { Result } from '../src/model.js';
import { oneRule, runEngine } from './helpers/engine.js';

async function statusOf(check: string, record: Record<string, unknown>, extra = '', asOf = '2026-11-22'): Promise<Result> {
  const { results } = await runEngine([oneRule(check, extra)], [record], asOf);
  const result = results.find((r) => r.record === null || r.record === String(record.id ?? r.record));
  if (!result) throw new Error('no result');
  return result;
}

type Row = [string, Record<string, unknown>, string];

const tables: Record<string, { check: string; rows: Row[] }> = {
  min: {
    check: '{kind: min, field: service_center_area_m2, min: 350}',
    rows: [
      ['exactly the minimum passes', { service_center_area_m2: 350 }, 'pass'],
      ['just below fails', { service_center_area_m2: 349.9 }, 'fail'],
      ['just above passes', { service_center_area_m2: 350.1 }, 'pass'],
      ['a unit and separators are read', { service_center_area_m2: '1,350平方米' }, 'pass'],
      ['missing is unknown', { service_center_area_m2: '' }, 'unknown'],
      ['unreadable is unknown', { service_center_area_m2: '待定' }, 'unknown'],
      ['absent column is unknown', {}, 'unknown'],
    ],
  },
  max: {
    check: '{kind: max, field: service_center_area_m2, max: 50}',
    rows: [
      ['exactly the maximum passes', { service_center_area_m2: 50 }, 'pass'],
      ['just above fails', { service_center_area_m2: 50.01 }, 'fail'],
      ['below passes', { service_center_area_m2: 49 }, 'pass'],
      ['a negative value is not a pass', { service_center_area_m2: -5 }, 'unknown'],
    ],
  },
  range: {
    check: '{kind: range, field: households, min: 500, max: 1500}',
    rows: [
      ['the lower end passes', { households: 500 }, 'pass'],
      ['just below the lower end fails', { households: 499 }, 'fail'],
      ['the upper end passes', { households: 1500 }, 'pass'],
      ['just above the upper end fails', { households: 1501 }, 'fail'],
      ['missing is unknown', {}, 'unknown'],
    ],
  },
  ratio: {
    check: '{kind: ratio, field: service_center_area_m2, per_field: households, amount: 20, per: 100}',
    rows: [
      ['1,234 households with 246.8 m² pass', { households: 1234, service_center_area_m2: 246.8 }, 'pass'],
      ['1,234 households with 246.7 m² fail', { households: 1234, service_center_area_m2: 246.7 }, 'fail'],
      ['1,234 households with 246.9 m² pass', { households: 1234, service_center_area_m2: 246.9 }, 'pass'],
      ['missing households is unknown', { service_center_area_m2: 1000 }, 'unknown'],
      ['missing area is unknown', { households: 100 }, 'unknown'],
    ],
  },
  tiered: {
    check: '{kind: tiered, field: service_center_area_m2, by: households, tiers: [{below: 1000, min: 300}, {from: 1000, below: 2000, min: 500}, {from: 2000, min: 1000}]}',
    rows: [
      ['a small community at its tier passes', { households: 999, service_center_area_m2: 300 }, 'pass'],
      ['a small community below its tier fails', { households: 999, service_center_area_m2: 299 }, 'fail'],
      ['the band boundary moves to the next tier', { households: 1000, service_center_area_m2: 300 }, 'fail'],
      ['the middle tier at its minimum passes', { households: 1000, service_center_area_m2: 500 }, 'pass'],
      ['the top tier just below fails', { households: 2500, service_center_area_m2: 999 }, 'fail'],
      ['missing households is unknown', { service_center_area_m2: 5000 }, 'unknown'],
    ],
  },
  boolean: {
    check: '{kind: boolean, field: has_service_center}',
    rows: [
      ['是 passes', { has_service_center: '是' }, 'pass'],
      ['否 fails', { has_service_center: '否' }, 'fail'],
      ['missing is unknown', {}, 'unknown'],
      ['an unreadable answer is unknown', { has_service_center: '在建' }, 'unknown'],
    ],
  },
  count: {
    check: '{kind: count, field: organisations, min: 2, max: 3}',
    rows: [
      ['two entries pass', { organisations: 'a、b' }, 'pass'],
      ['one entry fails', { organisations: 'a' }, 'fail'],
      ['four entries fail', { organisations: 'a;b;c;d' }, 'fail'],
      ['无 is an empty list and fails', { organisations: '无' }, 'fail'],
      ['missing is unknown', {}, 'unknown'],
    ],
  },
  checklist: {
    check: '{kind: checklist, field: functions, items: [教育培训, 文体活动]}',
    rows: [
      ['all items pass', { functions: '教育培训、文体活动、其他' }, 'pass'],
      ['one item short fails', { functions: '教育培训' }, 'fail'],
      ['missing is unknown', {}, 'unknown'],
    ],
  },
  'checklist groups': {
    check: '{kind: checklist, field: facilities, groups: [{name: {zh: 站, en: stations}, min: 2, suffix: 站}, {name: {zh: 厅, en: halls}, min: 1, items: [便民服务大厅]}]}',
    rows: [
      ['enough of each group passes', { facilities: '卫生站、警务站、便民服务大厅' }, 'pass'],
      ['one station short fails', { facilities: '卫生站、便民服务大厅' }, 'fail'],
      ['the named hall missing fails', { facilities: '卫生站、警务站' }, 'fail'],
    ],
  },
  pattern: {
    check: "{kind: pattern, field: id, pattern: '^[A-Z]{2}-\\d{3}$'}",
    rows: [
      ['a matching id passes', { id: 'XS-001' }, 'pass'],
      ['a non-matching id fails', { id: 'xs-1' }, 'fail'],
    ],
  },
};

for (const [kind, table] of Object.entries(tables)) {
  describe(`check kind ${kind}`, () => {
    it.each(table.rows)('%s', async (_name, record, expected) => {
      expect((await statusOf(table.check, record)).status).toBe(expected);
    });
  });
}

describe('results state the gap to pass', () => {
  it('a 330 m² centre against 350 m² is 20 m² short', async () => {
    const result = await statusOf('{kind: min, field: service_center_area_m2, min: 350}', { service_center_area_m2: 330 });
    expect(result).toMatchObject({ status: 'fail', actual: 330, gap: 20, expected: { min: 350, unit: 'm2' } });
  });
  it('a ratio states its demand and basis', async () => {
    const result = await statusOf('{kind: ratio, field: service_center_area_m2, per_field: households, amount: 20, per: 100}', { households: 1234, service_center_area_m2: 200 });
    expect(result.expected).toMatchObject({ min: 246.8, basis: { per_field: 'households', amount: 20, per: 100, base: 1234 } });
    expect(result.gap).toBe(46.8);
  });
  it('a checklist names the missing items', async () => {
    const result = await statusOf('{kind: checklist, field: functions, items: [教育培训, 文体活动, 公共卫生]}', { functions: '文体活动' });
    expect(result.reason).toEqual({ type: 'missing-items', items: ['教育培训', '公共卫生'] });
    expect(result.gap).toBe(2);
  });
});

describe('scope', () => {
  const scoped = ['{kind: min, field: service_center_area_m2, min: 350}', 'scope: {level: [village], area_type: [rural]}'] as const;
  it('a record in scope is judged', async () => {
    expect((await statusOf(scoped[0], { level: '村', area_type: '农村', service_center_area_m2: 100 }, scoped[1])).status).toBe('fail');
  });
  it('a record out of scope is not applicable', async () => {
    expect((await statusOf(scoped[0], { level: '乡镇', area_type: '农村', service_center_area_m2: 100 }, scoped[1])).status).toBe('not_applicable');
  });
  it('a record whose level is missing is unknown, not skipped', async () => {
    expect((await statusOf(scoped[0], { area_type: '农村', service_center_area_m2: 1000 }, scoped[1])).status).toBe('unknown');
  });
});

describe('deadlines and schedules', () => {
  const schedule = 'schedule: [{due: 2007-12-31, min: 50}, {due: 2008-12-31, min: 80}, {due: 2010-12-31, min: 100}]';
  const share = '{kind: share, of: {kind: boolean, field: has_service_center}, min: 100}';
  const records = (yes: number, no: number) => [
    ...Array.from({ length: yes }, (_, i) => ({ id: `y${i}`, has_service_center: '是' })),
    ...Array.from({ length: no }, (_, i) => ({ id: `n${i}`, has_service_center: '否' })),
  ];
  const aggregate = async (rows: Record<string, unknown>[], asOf: string) => {
    const { results } = await runEngine([oneRule(share, schedule)], rows, asOf);
    return results.find((r) => r.record === null) as Result;
  };
  it('before the first date the first target is reported but not due', async () => {
    const result = await aggregate(records(4, 6), '2007-06-30');
    expect(result).toMatchObject({ status: 'fail', due: false, deadline: '2007-12-31', expected: { min: 50 } });
  });
  it('the target in force follows --as-of', async () => {
    expect(await aggregate(records(5, 5), '2008-01-01')).toMatchObject({ status: 'pass', due: true, expected: { min: 50 } });
    expect(await aggregate(records(7, 3), '2008-12-31')).toMatchObject({ status: 'fail', expected: { min: 80 } });
    expect(await aggregate(records(8, 2), '2009-06-30')).toMatchObject({ status: 'pass', expected: { min: 80 } });
    expect(await aggregate(records(9, 1), '2011-01-01')).toMatchObject({ status: 'fail', expected: { min: 100 } });
  });
  it('a deadline in the future keeps a failure from blocking', async () => {
    const { summary, results } = await runEngine([oneRule('{kind: min, field: service_center_area_m2, min: 300}', 'deadline: 2019-12-31')], [{ id: 'a', service_center_area_m2: 100 }], '2018-06-30');
    expect(results[0]).toMatchObject({ status: 'fail', due: false });
    expect(summary.blocking).toEqual({ fail: 0, unknown: 0 });
    expect(summary.not_yet_due).toBe(1);
  });
});

describe('aggregates', () => {
  const share = oneRule('{kind: share, of: {kind: boolean, field: has_service_center}, min: 60}');
  it('the share is computed per region', async () => {
    const { results } = await runEngine([share], [
      { id: 'a', region: '东镇', has_service_center: '是' },
      { id: 'b', region: '东镇', has_service_center: '是' },
      { id: 'c', region: '东镇', has_service_center: '否' },
      { id: 'd', region: '西镇', has_service_center: '是' },
      { id: 'e', region: '西镇', has_service_center: '否' },
    ]);
    const groups = results.filter((r) => r.record === null).map((r) => [r.group, r.status, (r.actual as { share: number }).share]);
    expect(groups).toEqual([
      ['东镇', 'pass', 66.666666667],
      ['西镇', 'fail', 50],
    ]);
  });
  it('unknown records never count as passing', async () => {
    const rows = [{ id: 'a', has_service_center: '是' }, { id: 'b', has_service_center: '是' }, { id: 'c', has_service_center: '' }];
    const { results } = await runEngine([oneRule('{kind: share, of: {kind: boolean, field: has_service_center}, min: 100}')], rows);
    expect(results.find((r) => r.record === null)?.status).toBe('unknown');
  });
  it('a share already met even if every unknown failed is a pass', async () => {
    const rows = [{ id: 'a', has_service_center: '是' }, { id: 'b', has_service_center: '是' }, { id: 'c', has_service_center: '' }];
    const { results } = await runEngine([share], rows);
    expect(results.find((r) => r.record === null)?.status).toBe('pass');
  });
  it('a mean at the target passes and just below fails', async () => {
    const mean = oneRule('{kind: mean, field: service_center_area_m2, min: 400}');
    const at = await runEngine([mean], [{ id: 'a', service_center_area_m2: 300 }, { id: 'b', service_center_area_m2: 500 }]);
    expect(at.results.find((r) => r.record === null)?.status).toBe('pass');
    const below = await runEngine([mean], [{ id: 'a', service_center_area_m2: 300 }, { id: 'b', service_center_area_m2: 499.9 }]);
    expect(below.results.find((r) => r.record === null)).toMatchObject({ status: 'fail', gap: 0.05 });
    const missing = await runEngine([mean], [{ id: 'a', service_center_area_m2: 900 }, { id: 'b' }]);
    expect(missing.results.find((r) => r.record === null)?.status).toBe('unknown');
  });
});
