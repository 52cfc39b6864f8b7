// A CSV block is made of the tables of several texts, each kept small enough to be made in the young
// generation (csv.ts TEXT_BYTES): the block's records, lines and values are what one table gave.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { POPULATION_RULE, standardYaml } from './helpers/standard-yaml.js';
import { csvReader, TEXT_BYTES } from '../src/survey/csv.js';
import { rowCells } from '../src/survey/cell-table.js';
import type { RawBlock, TableBlock } from '../src/survey/reader.js';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function blocksOf(text: string, options: { smallFirstBlocks?: boolean } = {}): Promise<TableBlock[]> {
  const blocks: RawBlock[] = [];
  for await (const block of csvReader.read(once(Buffer.from(text, 'utf8')), 'x.csv', options)) blocks.push(block);
  return blocks.map((block) => {
    if (block.kind !== 'table') throw new Error('a CSV block of rows');
    return block;
  });
}

describe('CSV blocks of several texts', () => {
  it('gathers the tables of several texts into blocks of at most 4,096 records, in order', async () => {
    // 10,000 records of 40 bytes and a header: about 400 KB, so several texts per block.
    const rows = Array.from({ length: 10_000 }, (_, i) => `R${String(i).padStart(6, '0')},${'x'.repeat(24)},${i % 7}`);
    const blocks = await blocksOf(['id,name,population', ...rows].join('\n') + '\n');
    expect(blocks.map((block) => block.parts.reduce((sum, part) => sum + part.table.rows, 0))).toEqual([4096, 4096, 1809]);
    expect(blocks[0]?.parts.length).toBe(2);
    const parts = blocks.flatMap((block) => block.parts);
    for (const part of parts) expect(part.table.text.length).toBeLessThanOrEqual(TEXT_BYTES);
    // Every line once, in order, and each record's cells as written.
    const lines = parts.flatMap((part) => [...part.table.lines]);
    expect(lines).toEqual(Array.from({ length: 10_001 }, (_, i) => i + 1));
    const cells = parts.flatMap((part) => Array.from({ length: part.table.rows }, (_, row) => rowCells(part.table, row).join(',')));
    expect(cells[0]).toBe('id,name,population');
    expect(cells[1]).toBe(`R000000,${'x'.repeat(24)},0`);
    expect(cells[4097]).toBe(`R004096,${'x'.repeat(24)},1`);
    expect(cells[10_000]).toBe(`R009999,${'x'.repeat(24)},3`);
  });

  it('asked for small first blocks, makes the first six of 1,024 records, then 4,096, every record once in order', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `R${String(i).padStart(6, '0')},${'x'.repeat(24)},${i % 7}`);
    const blocks = await blocksOf(['id,name,population', ...rows].join('\n') + '\n', { smallFirstBlocks: true });
    // 20,001 lines: six blocks of 1,024 (6,144), three of 4,096 (12,288), then the last 1,569.
    expect(blocks.map((block) => block.parts.reduce((sum, part) => sum + part.table.rows, 0))).toEqual([1024, 1024, 1024, 1024, 1024, 1024, 4096, 4096, 4096, 1569]);
    const parts = blocks.flatMap((block) => block.parts);
    expect(parts.flatMap((part) => [...part.table.lines])).toEqual(Array.from({ length: 20_001 }, (_, i) => i + 1));
    const cells = parts.flatMap((part) => Array.from({ length: part.table.rows }, (_, row) => rowCells(part.table, row).join(',')));
    expect(cells[1024]).toBe(`R001023,${'x'.repeat(24)},1`);
    expect(cells[6144]).toBe(`R006143,${'x'.repeat(24)},4`);
    expect(cells[20_000]).toBe(`R019999,${'x'.repeat(24)},0`);
  });

  it('ends a block at 1 MB of text when records are long', async () => {
    // 600 records of about 5 KB: 250 make 1.25 MB, so a block holds fewer than 250.
    const rows = Array.from({ length: 600 }, (_, i) => `W${i},${'y'.repeat(5000)}`);
    const blocks = await blocksOf(['id,name', ...rows].join('\n'));
    const sizes = blocks.map((block) => block.parts.reduce((sum, part) => sum + part.table.rows, 0));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(601);
    // Texts of at most 120 KiB hold at most 24 such records; a block ends once its texts reach
    // 1,000,000 characters: without its last text, each full block is under that.
    expect(sizes.length).toBe(3);
    for (const block of blocks.slice(0, -1)) {
      const texts = block.parts.map((part) => part.table.text.length);
      const total = texts.reduce((sum, length) => sum + length, 0);
      expect(total).toBeGreaterThanOrEqual(1_000_000);
      expect(total - (texts.at(-1) as number)).toBeLessThan(1_000_000);
      for (const part of block.parts) expect(part.table.rows).toBeLessThanOrEqual(24);
    }
    expect(sizes[0]).toBeLessThan(250);
  });
});

const STANDARD = standardYaml('b', '块测试', 'block test', POPULATION_RULE);

describe('a survey read across several texts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dabiao-blocks-'));
    writeFileSync(join(dir, 'b.yaml'), STANDARD);
    // Two title rows longer than a text, then the header on line 3, then 4,000 records each over two
    // lines (a quoted line break in the name), so texts are cut inside quoted cells.
    const title = `"${'标'.repeat(50_000)}"`;
    const records = Array.from({ length: 4000 }, (_, i) => `R${i},"第${i}号\n服务中心",${1999 + (i % 3)}`);
    writeFileSync(join(dir, 'long.csv'), [title, title, 'id,name,population', ...records].join('\n') + '\n');
  });

  it('gives every record its status in input order', async () => {
    const run = await cli(['check', join(dir, 'long.csv'), '-s', join(dir, 'b.yaml'), '-f', 'matrix', '--lang', 'en']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('\uFEFFid,b/population,verdict:b');
    expect(lines).toHaveLength(4002);
    for (let i = 0; i < 4000; i++) {
      const expected = i % 3 === 0 ? `R${i},fail,non_compliant` : `R${i},pass,compliant`;
      if (lines[i + 1] !== expected) expect(lines[i + 1]).toBe(expected);
    }
  });

  it('names the line each failing record starts on', async () => {
    const out = join(dir, 'long.json');
    const run = await cli(['check', join(dir, 'long.csv'), '-s', join(dir, 'b.yaml'), '-o', out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { results: { record: string; line: number; actual: number }[] };
    // Records 0, 3, 6 … fail; record i starts on line 4 + 2i.
    expect(report.results).toHaveLength(1334);
    report.results.forEach((result, k) => {
      const expected = { record: `R${3 * k}`, line: 4 + 6 * k, actual: 1999 };
      const got = { record: result.record, line: result.line, actual: result.actual };
      if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got).toEqual(expected);
    });
  });
});

describe('list cells seen before', () => {
  it('reads a repeated list cell as its first reading gave it, row after row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-lists-'));
    const rule = `  - id: two-centres
    title: {zh: 卫生服务中心和便民超市, en: health centre and shop}
    severity: required
    check: {kind: checklist, field: facilities, items: [卫生服务中心, 便民超市]}
    citation: {section: s1, quote: q1}
`;
    writeFileSync(join(dir, 'l.yaml'), standardYaml('l', '清单测试', 'list test', rule));
    // Four list cells in turn, each met 15 times (past the rows the header is sought among).
    const lists = ['卫生服务中心;便民超市', '卫生服务中心', '', '便民超市;卫生服务中心;警务室'];
    const rows = Array.from({ length: 60 }, (_, i) => `L${i},${lists[i % 4]}`);
    writeFileSync(join(dir, 'l.csv'), ['id,facilities', ...rows].join('\n') + '\n');
    const run = await cli(['check', join(dir, 'l.csv'), '-s', join(dir, 'l.yaml'), '-f', 'matrix']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines).toHaveLength(62);
    const expected = ['pass,compliant', 'fail,non_compliant', 'unknown,undetermined', 'pass,compliant'];
    for (let i = 0; i < 60; i++) if (lines[i + 1] !== `L${i},${expected[i % 4]}`) expect(lines[i + 1]).toBe(`L${i},${expected[i % 4]}`);
  });
});
