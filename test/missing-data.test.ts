// The principle that never bends: a rule never passes a record that lacks, or has unreadable, data
// the rule reads. Checked for every per-record rule of every bundled standard, field by field.
import { describe, expect, it } from 'vitest';
import { bundledIds } from '../src/standards/load.js';
import { checkKinds } from '../src/engine/checks/index.js';
import { compile } from '../src/engine/compile.js';
import type { Rule } from '../src/model.js';
import { cell, random, surveyColumns } from './bench/generate.js';
import { dictionary, runEngine, standards } from './helpers/engine.js';

const all = standards(bundledIds());
const columns = surveyColumns(dictionary(), all);
const plan = compile(all, { asOf: '2026-11-22', dictionary: dictionary(), kinds: checkKinds });

/** A complete record in the rule's scope and of its target year, with every other field filled plausibly. */
function completeRecord(rule: Rule): Record<string, unknown> {
  const rand = random(42);
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.field.id] = cell(column, 1, () => 0.5 + rand() * 0.4);
  for (const [field, values] of Object.entries(rule.scope ?? {})) if (values[0]) record[field] = values[0];
  record.year = rule.year?.from ?? 2026;
  return record;
}

describe('no per-record rule passes on missing or unreadable data', () => {
  for (const rule of plan.recordRules) {
    const id = `${rule.standard.id}/${rule.rule.id}`;
    it(`${id} (${rule.fields.join(', ')})`, async () => {
      const base = completeRecord(rule.rule);
      const statusWith = async (record: Record<string, unknown>) => {
        const { results } = await runEngine([rule.standard], [record]);
        return results.find((r) => r.rule === rule.rule.id)?.status;
      };
      expect(await statusWith(base)).not.toBe('not_applicable');
      for (const field of rule.fields) {
        expect([field, await statusWith({ ...base, [field]: '' })]).toEqual([field, 'unknown']);
        expect([field, await statusWith({ ...base, [field]: '待定' })]).not.toEqual([field, 'pass']);
      }
      for (const field of Object.keys(rule.rule.scope ?? {})) {
        expect([field, await statusWith({ ...base, [field]: '' })]).toEqual([field, 'unknown']);
      }
    });
  }
});

describe('no aggregate rule passes when every record lacks its data', () => {
  for (const rule of plan.aggregateRules) {
    it(`${rule.standard.id}/${rule.rule.id}`, async () => {
      const base = completeRecord(rule.rule);
      const blank = Object.fromEntries(rule.fields.map((field) => [field, '']));
      const { results } = await runEngine([rule.standard], [{ ...base, ...blank, id: 'a' }, { ...base, ...blank, id: 'b' }]);
      expect(results.find((r) => r.rule === rule.rule.id && r.record === null)?.status).toBe('unknown');
    });
  }
});
