// Header matching: full-width brackets, units in brackets, spaces and case are ignored; explicit
// mappings come first; an unknown header gets a "did you mean".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeaderMatcher } from '../src/survey/headers.js';
import { cli } from './helpers/cli.js';
import { dictionary } from './helpers/engine.js';

describe('HeaderMatcher', () => {
  const matcher = new HeaderMatcher(dictionary());
  it.each([
    '服务中心面积',
    '服务中心面积（平方米）',
    '服务中心面积(㎡)',
    '服务中心面积[m2]',
    ' 服务中心 面积 ',
    '社区服务中心面积（平方米）',
    'SERVICE_CENTER_AREA_M2',
    'Service centre floor area (m²)',
    '服务中心面积（平方米）（㎡）',
  ])('%j is service_center_area_m2', (header) => {
    expect(matcher.match(header)).toBe('service_center_area_m2');
  });

  it('an unknown header is null, with a suggestion when one is close', () => {
    expect(matcher.match('服务中心面基')).toBeNull();
    expect(matcher.suggest('服务中心面基')).toBe('service_center_area_m2');
    expect(matcher.suggest('完全无关的列')).toBeUndefined();
  });

  it('an explicit mapping wins over the dictionary', () => {
    const mapped = new HeaderMatcher(dictionary(), new Map([['面积', 'service_center_area_m2'], ['名称', 'region']]));
    expect(mapped.match('面积（平方米）')).toBe('service_center_area_m2');
    expect(mapped.match('名称')).toBe('region');
  });
});

describe('--map-file', () => {
  it('reads header: field pairs from a YAML file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-'));
    const survey = join(dir, 's.csv');
    const mapping = join(dir, 'map.yaml');
    writeFileSync(survey, '村代码,层级,用房面积\nA,村,400\n');
    writeFileSync(mapping, '村代码: id\n用房面积: service_center_area_m2\n');
    const standard = join(import.meta.dirname, 'corpus', 'standard.yaml');
    const run = await cli(['check', survey, '-s', standard, '--map-file', mapping, '--format', 'json', '--all']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { results: { record: string; status: string }[] }).results).toMatchObject([{ record: 'A', status: 'pass' }]);
    writeFileSync(mapping, '村代码: idd\n');
    const bad = await cli(['check', survey, '-s', standard, '--map-file', mapping, '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "id"');
  });
});
