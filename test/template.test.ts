// dabiao template: for every bundled standard, the form has exactly the columns the standard reads;
// filled in as its example row shows, it validates clean and `check` runs on it.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bundledIds } from '../src/standards/load.js';
import { neededFields } from '../src/cli/field-hints.js';
import { cli } from './helpers/cli.js';
import { Zip } from '../src/survey/xlsx/zip.js';
import { standards } from './helpers/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'dabiao-template-'));

describe.each(bundledIds())('template for %s', (id) => {
  it('CSV: the columns the standard reads; the example row is skipped, a row filled in like it validates and checks', async () => {
    const file = join(dir, `${id}.csv`);
    expect((await cli(['template', '-s', id, '-o', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe('示例');
    const [standard] = standards([id]);
    const needed = neededFields([standard!]);
    expect(rows[0]?.length).toBe(new Set([...needed, 'id', 'name', 'region']).size);
    // As written, the example is never a village: skipped, named, nothing checked.
    const asWritten = JSON.parse((await cli(['validate', file, '-s', id, '--format', 'json', '--lang', 'en'])).stdout) as { errors: number; findings: { code: string; line: number }[]; files: { records: number }[] };
    expect(asWritten.findings.filter((f) => f.code === 'example-row').map((f) => f.line)).toEqual([2]);
    expect(asWritten.files[0]?.records).toBe(0);
    const unchecked = await cli(['check', file, '-s', id, '--format', 'json']);
    expect(unchecked.code).toBe(2);
    expect(unchecked.stderr).toBe(`dabiao: ${file}:1: 只有表头，没有任何记录；空调查不能视为达标\n`);
    // A row filled in the way the example shows (its own id) is a record that validates clean.
    const filled = join(dir, `${id}-filled.csv`);
    writeFileSync(filled, `${text}${text.trimEnd().split('\r\n')[1]?.replace(/^示例/, 'C001')}\r\n`);
    const validate = await cli(['validate', filled, '-s', id, '--format', 'json', '--lang', 'en']);
    const report = JSON.parse(validate.stdout) as { errors: number; findings: { code: string }[]; files: { records: number }[] };
    expect(report.findings.filter((f) => f.code === 'missing-column' || f.code === 'unknown-column')).toEqual([]);
    expect([validate.code, report.errors, report.files[0]?.records]).toEqual([0, 0, 1]);
    const check = await cli(['check', filled, '-s', id, '--format', 'json']);
    expect(JSON.parse(check.stdout).summary.records).toBe(1);
    expect(JSON.parse(check.stdout).records.map((r: { record: string }) => r.record)).toEqual(['C001']);
  });

  it('xlsx: drop-down lists and number validation; filled in, it validates and checks', async () => {
    const csv = join(dir, `${id}-example.csv`);
    await cli(['template', '-s', id, '-o', csv, '--lang', 'en']);
    const [headers, example] = parse(readFileSync(csv, 'utf8'), { bom: true }) as string[][];
    const file = join(dir, `${id}.xlsx`);
    expect((await cli(['template', '-s', id, '-f', 'xlsx', '--lang', 'en', '-o', file])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const headerCells = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headerCells).toEqual(headers);
    const levelColumn = headerCells.indexOf('Level') + 1;
    if (levelColumn > 0) expect(sheet.getCell(2, levelColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"city,county,township,village"'] });
    const households = headerCells.findIndex((h) => String(h).startsWith('Households')) + 1;
    if (households > 0) expect(sheet.getCell(2, households).dataValidation).toMatchObject({ type: 'whole' });
    // One validation range per column, none overlapping another (Excel would offer to "repair" them).
    const archive = await Zip.open(file, 1000, () => new Error('too many entries'));
    let xml = '';
    for await (const chunk of await archive.open('xl/worksheets/sheet1.xml')) xml += Buffer.from(chunk).toString('utf8');
    await archive.close();
    const ranges = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((match) => match[1] as string);
    expect(ranges.length).toBeGreaterThan(0);
    for (const range of ranges) expect(range).toMatch(/^([A-Z]+)2:\1(\d+)$/);
    expect(new Set(ranges.map((range) => range.replace(/\d.*$/, ''))).size).toBe(ranges.length);
    example?.forEach((value, i) => (sheet.getCell(2, i + 1).value = i === 0 ? 'C001' : value));
    await workbook.xlsx.writeFile(file);
    const validate = await cli(['validate', file, '-s', id, '--format', 'json']);
    expect([validate.code, (JSON.parse(validate.stdout) as { errors: number }).errors]).toEqual([0, 0]);
    const check = await cli(['check', file, '-s', id, '--format', 'json']);
    expect(JSON.parse(check.stdout).summary.records).toBe(1);
  });
});

it('an xlsx template needs -o', async () => {
  const run = await cli(['template', '-f', 'xlsx', '--lang', 'en']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('-o');
});
