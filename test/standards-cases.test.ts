// Every bundled standard's table of cases (test/cases/<id>.yaml): records at, just below and just
// above each threshold, missing data and out-of-scope records, with the status each rule must give.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundledIds } from '../src/standards/load.js';
import { runEngine, standards } from './helpers/engine.js';

interface Case {
  name: string;
  as_of?: string;
  record?: Record<string, unknown>;
  records?: Record<string, unknown>[];
  expect: Record<string, string>;
}

const casesDir = join(import.meta.dirname, 'cases');
const files = readdirSync(casesDir).filter((name) => name.endsWith('.yaml'));

it('every bundled standard has a case table', () => {
  expect(files.map((name) => name.replace(/\.yaml$/, '')).sort()).toEqual(bundledIds());
});

for (const file of files) {
  const table = parse(readFileSync(join(casesDir, file), 'utf8')) as { standard: string; cases: Case[] };
  describe(`standard ${table.standard}`, () => {
    const [standard] = standards([table.standard]);
    it('has cases for every rule', () => {
      const covered = new Set(table.cases.flatMap((c) => Object.keys(c.expect)));
      expect(standard?.rules.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
    });
    for (const testCase of table.cases) {
      it(testCase.name, async () => {
        const rows = testCase.records ?? (testCase.record ? [testCase.record] : []);
        const { results } = await runEngine([standard!], rows, testCase.as_of ?? '2026-11-22');
        const actual: Record<string, string[]> = {};
        for (const rule of Object.keys(testCase.expect)) {
          actual[rule] = [...new Set(results.filter((r) => r.rule === rule).map((r) => r.status))];
        }
        const expected = Object.fromEntries(Object.entries(testCase.expect).map(([rule, status]) => [rule, [status]]));
        expect(actual).toEqual(expected);
      });
    }
  });
}
