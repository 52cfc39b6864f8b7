// dabiao standards list / show, lint and schema.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundledIds } from '../src/standards/load.js';
import { cli } from './helpers/cli.js';
import { standards } from './helpers/engine.js';

const root = join(import.meta.dirname, '..');

describe('dabiao standards', () => {
  it('list names the eight bundled standards', async () => {
    const run = await cli(['standards', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as { id: string; rules: number }[]).map((s) => s.id);
    expect(ids).toEqual(['baokang-2012', 'jiyuan-2010', 'urban-rural-pilot', 'urumqi-xinshi', 'water-town-2013', 'xiaogan-2012', 'xishan-2008', 'yanchi-2017']);
  });

  for (const id of bundledIds()) {
    it(`show ${id} lists every rule with its requirement and citation`, async () => {
      const run = await cli(['standards', 'show', id]);
      expect(run.code).toBe(0);
      const [standard] = standards([id]);
      for (const rule of standard?.rules ?? []) {
        expect(run.stdout).toContain(`${id}/${rule.id}`);
        expect(run.stdout).toContain(rule.citation.section);
        const quote = Array.isArray(rule.citation.quote) ? rule.citation.quote.join(' … ') : rule.citation.quote;
        expect(run.stdout).toContain(quote);
      }
    });
  }

  it('show states thresholds with units', async () => {
    const run = await cli(['standards', 'show', 'urban-rural-pilot', '--lang', 'en']);
    expect(run.stdout).toMatch(/Service centre floor area ≥ 20 m² per 100 households/);
    const water = await cli(['standards', 'show', 'water-town-2013']);
    expect(water.stdout).toContain('服务中心面积 ≥ 350平方米');
  });

  it('show of an unknown id is a usage error with a suggestion', async () => {
    const run = await cli(['standards', 'show', 'xishan-2009', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "xishan-2008"');
  });
});

describe('dabiao lint', () => {
  it('accepts every bundled standard', async () => {
    const run = await cli(['lint', ...bundledIds().map((id) => join(root, 'standards', `${id}.yaml`))]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(8);
  });

  it('reports a broken file with its line and exits 2', async () => {
    const run = await cli(['lint', join(root, 'fixtures', 'bad', 'invalid.yaml'), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/invalid\.yaml:9:1: YAML syntax error/);
  });
});

describe('dabiao schema', () => {
  it('prints the standard schema, and every bundled standard satisfies it', async () => {
    const run = await cli(['schema', 'standard']);
    expect(run.code).toBe(0);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(run.stdout));
    for (const id of bundledIds()) {
      const data = parse(readFileSync(join(root, 'standards', `${id}.yaml`), 'utf8'));
      expect(validate(data), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ id: 'x', title: { zh: 'a', en: 'b' }, source: { document: 'd' }, rules: [{ id: 'r', title: { zh: 'a', en: 'b' }, severity: 'required', check: { kind: 'min', field: 'households' }, citation: { section: 's', quote: 'qq' } }] })).toBe(false);
  });
});

describe('dabiao fields', () => {
  it('lists every field with its labels, type, unit and the standards that read it', async () => {
    const run = await cli(['fields', '--format', 'json']);
    expect(run.code).toBe(0);
    const fields = JSON.parse(run.stdout) as { field: string; label: { zh: string }; type: string; unit: string | null; standards: string[] }[];
    const area = fields.find((f) => f.field === 'service_center_area_m2');
    expect(area).toMatchObject({ label: { zh: '服务中心面积' }, type: 'number', unit: 'm2' });
    expect(area?.standards).toEqual(expect.arrayContaining(['water-town-2013', 'xishan-2008', 'urban-rural-pilot']));
    expect(fields.find((f) => f.field === 'so2_reduction_t')?.standards).toEqual(['jiyuan-2010']);
    const table = await cli(['fields']);
    expect(table.stdout).toContain('service_center_area_m2');
    expect(table.stdout).toMatch(/共 \d+ 个字段/);
  });
});
