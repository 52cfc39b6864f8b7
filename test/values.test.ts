// Reading raw survey cells: what counts as a number, a yes/no, a list, and what is never guessed.
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../src/model.js';
import { parseNumber, parseValue } from '../src/survey/values.js';
import { dictionary } from './helpers/engine.js';

const field = (id: string): FieldDef => {
  const def = dictionary().fields.get(id);
  if (!def) throw new Error(`no field ${id}`);
  return def;
};
const value = (raw: unknown, id: string) => parseValue(raw, field(id), dictionary());

describe('numbers', () => {
  it.each([
    ['350', 350],
    ['1,200', 1200],
    ['３５０', 350],
    ['350㎡', 350],
    ['350平方米', 350],
    ['350 m2', 350],
    ['350m²', 350],
    ['0.35万', 3500],
    [' 42.5 ', 42.5],
    [350, 350],
  ])('%j reads as %d m²', (raw, expected) => {
    expect(value(raw, 'service_center_area_m2')).toEqual({ ok: true, value: expected });
  });

  it.each(['N/A', '待定', '0x1388', '1e309', 'NaN', 'Infinity', '12斤', '30%', '1,20', '3.5.1', '--5', '三百五', '十十'])('%j is unparseable, never a number', (raw) => {
    expect(value(raw, 'service_center_area_m2')).toMatchObject({ ok: false, problem: 'unparseable' });
  });

  it.each([
    ['三百五十', 350],
    ['两千零八', 2008],
    ['十二', 12],
    ['一千二百', 1200],
    ['三万', 30000],
  ])('the Chinese numeral %s reads as %d', (raw, expected) => {
    expect(value(raw, 'service_center_area_m2')).toEqual({ ok: true, value: expected });
  });

  it('亩 is converted to m² and the conversion is kept', () => {
    expect(value('12亩', 'service_center_area_m2')).toEqual({ ok: true, value: 8000.04, converted: { raw: '12亩', from: '亩', factor: 666.67 } });
    expect(value('0.5亩', 'service_center_area_m2')).toMatchObject({ ok: true, value: 333.335 });
    expect(value('12亩', 'households')).toMatchObject({ ok: false });
  });

  it('a negative area is out of range', () => {
    expect(value('-5', 'service_center_area_m2')).toEqual({ ok: false, problem: 'out-of-range', raw: '-5' });
  });

  it('an integer field rejects fractions', () => {
    expect(value('12.5', 'households')).toMatchObject({ ok: false });
    expect(value('1,234户', 'households')).toEqual({ ok: true, value: 1234 });
  });

  it('empty cells are missing, not zero', () => {
    for (const raw of ['', '   ', null, undefined]) expect(value(raw, 'service_center_area_m2')).toEqual({ ok: false, problem: 'missing' });
  });

  it('suffixes are only those of the field unit', () => {
    expect(parseNumber('30%', ['%'])).toBe(30);
    expect(parseNumber('30%', [])).toBeUndefined();
  });
});

describe('yes/no', () => {
  it.each([['是', true], ['否', false], ['true', true], ['FALSE', false], ['yes', true], ['no', false], ['1', true], ['0', false], ['有', true], ['无', false], [true, true]])(
    '%j reads as %s',
    (raw, expected) => {
      expect(value(raw, 'has_service_center')).toEqual({ ok: true, value: expected });
    },
  );
  it.each(['也许', '2', 'N/A'])('%j is unparseable', (raw) => {
    expect(value(raw, 'has_service_center')).toMatchObject({ ok: false, problem: 'unparseable' });
  });
});

describe('placeholders', () => {
  it.each(['待定', '不详', 'N/A', '-', '—', '？'])('%j is never a value of any type', (raw) => {
    for (const id of ['service_center_area_m2', 'has_service_center', 'facilities', 'level', 'name']) {
      expect(value(raw, id)).toMatchObject({ ok: false, problem: 'unparseable' });
    }
  });
});

describe('lists and enums', () => {
  it.each([['a;b', ['a', 'b']], ['a；b', ['a', 'b']], ['a、b、 c', ['a', 'b', 'c']], ['a、a', ['a']], ['无', []]])('%j splits into %j', (raw, expected) => {
    expect(value(raw, 'facilities')).toEqual({ ok: true, value: expected });
  });

  it('enum values are read from ids, Chinese labels and aliases', () => {
    expect(value('村', 'level')).toEqual({ ok: true, value: 'village' });
    expect(value('乡镇', 'level')).toEqual({ ok: true, value: 'township' });
    expect(value('Village', 'level')).toEqual({ ok: true, value: 'village' });
    expect(value('农村', 'area_type')).toEqual({ ok: true, value: 'rural' });
    expect(value('改造', 'build_type')).toEqual({ ok: true, value: 'renovated' });
    expect(value('省', 'level')).toMatchObject({ ok: false, problem: 'unparseable' });
  });
});

describe('facility vocabulary', () => {
  it.each([
    ['卫生室', '卫生服务站'],
    ['村卫生室', '卫生服务站'],
    ['综治中心', '综治维稳中心'],
    ['綜治維穩中心', '综治维稳中心'],
  ])('%s is recognised as %s', (raw, canonical) => {
    expect(value(raw, 'facilities')).toEqual({ ok: true, value: [canonical] });
  });
});

describe('formatNumber: numbers as reports print them', () => {
  it('groups thousands, keeps at most four decimals, and leaves small whole numbers alone', async () => {
    const { formatNumber } = await import('../src/i18n/quantities.js');
    expect([0, 7, 999, -999, 1000, -1000, 1234567, -1234567.891, 1234.56789, 0.5, 350.25, 1e21, Number.NaN].map(formatNumber)).toEqual([
      '0',
      '7',
      '999',
      '-999',
      '1,000',
      '-1,000',
      '1,234,567',
      '-1,234,567.891',
      '1,234.5679',
      '0.5',
      '350.25',
      '1e+21',
      'NaN',
    ]);
  });
});
