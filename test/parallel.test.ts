// A large survey judged on several threads gives exactly what one thread gives: chunks end at record
// boundaries (never inside a quoted cell that spans lines), every record keeps its own line, reports
// list records in input order, and aggregates merge exactly.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_BYTES, planSplit } from '../src/cli/parallel/pool.js';
import { CARRY_ROOM, ChunkBuffers, splitFile } from '../src/cli/parallel/split.js';
import { tokenize } from '../src/survey/cell-table.js';
import { cli } from './helpers/cli.js';
import { POPULATION_RULE, standardYaml } from './helpers/standard-yaml.js';

async function chunksOf(text: string, from: number, size: number, reuse = false): Promise<{ text: string; firstLine: number }[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'dabiao-split-')), 'survey.csv');
  writeFileSync(file, text);
  const buffers = new ChunkBuffers(size);
  const chunks: { text: string; firstLine: number }[] = [];
  for await (const chunk of splitFile(file, from, 2, true, buffers, 1 << 20)) {
    chunks.push({ text: Buffer.from(chunk.bytes).toString('utf8'), firstLine: chunk.firstLine });
    // Judged: its buffer is read into again for a later chunk, old bytes and all.
    if (reuse) buffers.give(chunk.bytes.buffer as ArrayBuffer);
  }
  return chunks;
}

describe('splitting a file into chunks of whole records', () => {
  const header = 'id,name\n';
  const rows = ['1,"a\nb"\n', '2,c\n', '3,"d\ne\nf"\n', '4,g\n'];

  it('never cuts inside a quoted cell that holds a line break, and counts its lines', async () => {
    // 6-byte reads: the first read ends inside "a\nb", whose line feed must not end a chunk.
    const chunks = await chunksOf(header + rows.join(''), header.length, 6);
    expect(chunks).toEqual([
      { text: '1,"a\nb"\n2,c\n', firstLine: 2 },
      { text: '3,"d\ne\nf"\n', firstLine: 5 },
      { text: '4,g\n', firstLine: 8 },
    ]);
  });

  it('gives the same chunks when each buffer is given back and read into again', async () => {
    const chunks = await chunksOf(header + rows.join(''), header.length, 6, true);
    expect(chunks).toEqual([
      { text: '1,"a\nb"\n2,c\n', firstLine: 2 },
      { text: '3,"d\ne\nf"\n', firstLine: 5 },
      { text: '4,g\n', firstLine: 8 },
    ]);
  });

  it('carries a record longer than the room kept for it into a chunk of its own size', async () => {
    const long = `1,${'x'.repeat(CARRY_ROOM + 5000)}\n2,y\n`;
    const chunks = await chunksOf(header + long, header.length, 16 * 1024, true);
    expect(chunks).toEqual([{ text: long, firstLine: 2 }]);
  });

  it('keeps buffers of its own size only, none that moved to another thread, and a few at most', () => {
    const buffers = new ChunkBuffers(16, 2);
    const first = buffers.take();
    expect(first.byteLength).toBe(CARRY_ROOM + 16);
    first[0] = 7;
    buffers.give(first.buffer as ArrayBuffer);
    const again = buffers.take();
    expect(again.buffer).toBe(first.buffer);
    expect(again[0]).toBe(7);
    // Not of this pool (another size): not kept.
    const other = new ArrayBuffer(40);
    buffers.give(other);
    expect(buffers.take().buffer).not.toBe(other);
    // Moved to a worker (detached): dropped.
    const moved = buffers.take();
    structuredClone(moved.buffer, { transfer: [moved.buffer as ArrayBuffer] });
    expect(moved.buffer.byteLength).toBe(0);
    buffers.give(moved.buffer as ArrayBuffer);
    expect(buffers.take().byteLength).toBe(CARRY_ROOM + 16);
    // Two kept at most: the third given back is let go.
    const kept = [buffers.take(), buffers.take(), buffers.take()].map((view) => view.buffer as ArrayBuffer);
    for (const buffer of kept) buffers.give(buffer);
    const taken = [buffers.take(), buffers.take(), buffers.take()].map((view) => view.buffer);
    expect(taken.filter((buffer) => kept.includes(buffer as ArrayBuffer))).toHaveLength(2);
  });

  it('gives the whole rest of the file when reads are larger than it', async () => {
    const chunks = await chunksOf(header + rows.join(''), header.length, 1 << 16);
    expect(chunks).toEqual([{ text: rows.join(''), firstLine: 2 }]);
  });

  it('keeps a last record without a final line feed', async () => {
    const chunks = await chunksOf(`${header}1,a\n2,"b\nc"`, header.length, 4);
    expect(chunks.map((chunk) => chunk.text)).toEqual(['1,a\n', '2,"b\nc"']);
    expect(chunks.map((chunk) => chunk.firstLine)).toEqual([2, 3]);
  });
});

describe('bounded steps', () => {
  it('a block stops at a record boundary after the rows asked for, and says so', () => {
    const text = 'a,1\n"b\nc",2\nd,3\n';
    const first = tokenize(text, 1, false, 'f.csv', 2);
    expect([first.table.rows, first.consumed, first.nextLine, first.limited]).toEqual([2, 12, 4, true]);
    const rest = tokenize(text.slice(first.consumed), first.nextLine, false, 'f.csv', 2);
    expect([rest.table.rows, rest.consumed, rest.nextLine, rest.limited]).toEqual([1, 4, 5, false]);
    expect(Array.from(rest.table.lines)).toEqual([4]);
  });

  it('lists every result once and every record once when a batch is written in parts', async () => {
    // 300 records against every bundled standard, every column there and nearly every cell empty, so
    // nearly every rule unknown: each batch is written in several parts (about 20,000 results each);
    // the matrix still has each record once, in order.
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-parts-'));
    const survey = join(dir, 'survey.csv');
    const header = (await cli(['template', '--lang', 'en'])).stdout.replace(/^\uFEFF/, '').split('\n')[0] as string;
    const width = (parse(header) as string[][])[0]?.length ?? 0;
    expect(width).toBeGreaterThan(100);
    const rows = [header];
    for (let i = 0; i < 300; i++) rows.push([`P${i}`, '', 'village', ...Array<string>(width - 3).fill('')].join(','));
    writeFileSync(survey, `${rows.join('\n')}\n`);
    const json = join(dir, 'r.json');
    const matrix = join(dir, 'r.matrix.csv');
    const run = await cli(['check', survey, '-o', json, '-o', matrix]);
    expect(run.code).toBe(1);
    const lines = readFileSync(matrix, 'utf8').trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(Array.from({ length: 300 }, (_, i) => `P${i}`));
    const report = JSON.parse(readFileSync(json, 'utf8')) as { summary: { results: Record<string, number> }; results: { record: string | null }[] };
    const listed = report.results.filter((result) => result.record !== null).length;
    // One column per per-record rule after the id (then one verdict per standard): 300 records × that many results is several parts.
    const rules = (lines[0] as string).split(',').filter((name) => name.includes('/')).length;
    expect(300 * rules).toBeGreaterThan(20_000 * 2);
    // Every failure and unknown of a record is listed exactly once: as many as the matrix shows.
    const problemCells = lines.slice(1).reduce((sum, line) => sum + line.split(',').filter((cell) => cell === 'fail' || cell === 'unknown').length, 0);
    expect(listed).toBe(problemCells);
    expect(new Set(report.results.filter((r) => r.record !== null).map((r) => JSON.stringify(r))).size).toBe(listed);
    // Against a run small enough to be written in one part: one record lists k results, 300 list 300 k.
    const single = join(dir, 'single.csv');
    writeFileSync(single, `${rows.slice(0, 2).join('\n')}\n`);
    const one = await cli(['check', single, '-f', 'json']);
    const k = (JSON.parse(one.stdout) as { results: { record: string | null }[] }).results.filter((result) => result.record !== null).length;
    expect(k).toBeGreaterThan(100);
    expect(listed).toBe(300 * k);
  });
});

const STANDARD = standardYaml(
  'par',
  '并行测试',
  'parallel test',
  `${POPULATION_RULE}  - id: centre-share
    title: {zh: 服务中心覆盖率不低于80%, en: centre coverage at least 80%}
    severity: required
    check: {kind: share, of: {kind: boolean, field: has_service_center}, min: 80}
    citation: {section: s2, quote: q2}
  - id: office-mean
    title: {zh: 平均办公面积不少于50平方米, en: mean office space at least 50 m2}
    severity: required
    check: {kind: mean, field: office_activity_space_m2, min: 50}
    citation: {section: s3, quote: q3}
`,
);

const RECORDS = 72_000;
const REGIONS = ['东镇', '西镇', '南镇'];
/** Every seventh record's name is quoted and spans two lines. */
const twoLines = (i: number): boolean => i % 7 === 3;
/** Record 50,000 has an unreadable population. */
const BAD = 50_000;

describe('a survey large enough to be split, on one thread and on three', () => {
  let dir: string;
  let survey: string;
  let standard: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dabiao-parallel-'));
    survey = join(dir, 'survey.csv');
    standard = join(dir, 'par.yaml');
    writeFileSync(standard, STANDARD);
    const lines = ['编号,名称,region,population,has_service_center,office_activity_space_m2'];
    for (let i = 0; i < RECORDS; i++) {
      const name = twoLines(i) ? `"第${i}村\n社区服务中心（旧址）"` : `第${i}村社区服务中心，位于镇政府以东约三公里，二〇一五年建成并投入使用至今`;
      const population = i === BAD ? '不详细' : String(1990 + (i % 20));
      lines.push(`R${i},${name},${REGIONS[i % 3]},${population},${i % 4 === 0 ? '否' : '是'},${i % 100}`);
    }
    writeFileSync(survey, `${lines.join('\n')}\n`);
  });

  it('is large enough to take the split path', async () => {
    expect(readFileSync(survey).length).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const plan = await planSplit(survey, undefined, undefined, 3);
    expect(plan).toBeDefined();
    expect(plan?.head.length).toBeLessThan(readFileSync(survey).length / 2);
    // Records of about 150 bytes: 4,096 of them are under the 960 KiB floor.
    expect(plan?.chunkBytes).toBe(960 * 1024);
  });

  it('sizes chunks to about 4,096 records of the head, between 960 KiB and twice that', async () => {
    // Every line exactly 300 bytes with its line break: chunks of 300 × 4,096 bytes.
    const line = (text: string): string => `${text.padEnd(299, 'x')}\n`;
    const sized = join(dir, 'sized.csv');
    writeFileSync(sized, line('id,name') + Array.from({ length: 30_000 }, (_, i) => line(`S${i},`)).join(''));
    const plan = await planSplit(sized, undefined, undefined, 2);
    expect(plan?.chunkBytes).toBe(1_228_800);
    // The head judged before the workers start: the whole lines in its first 64 KiB (218 of them).
    expect(plan?.head.length).toBe(218 * 300);
    expect(plan?.nextLine).toBe(219);
    // 700-byte lines: 4,096 of them would be 2.7 MiB, capped at 1,920 KiB.
    const long = join(dir, 'long.csv');
    writeFileSync(long, `${'id,name'.padEnd(699, 'x')}\n` + Array.from({ length: 13_000 }, (_, i) => `${`L${i},`.padEnd(699, 'x')}\n`).join(''));
    expect((await planSplit(long, undefined, undefined, 2))?.chunkBytes).toBe(1920 * 1024);
  });

  it('keeps the head long enough to find a header below title rows: over 60 lines', async () => {
    // 5,000-byte lines: 64 KiB holds 13 of them, 512 KiB the 104 the head takes.
    const wide = join(dir, 'wide-lines.csv');
    writeFileSync(wide, `${'id,name'.padEnd(4999, 'x')}\n` + Array.from({ length: 1_800 }, (_, i) => `${`W${i},`.padEnd(4999, 'x')}\n`).join(''));
    const plan = await planSplit(wide, undefined, undefined, 2);
    expect(plan?.head.length).toBe(104 * 5000);
    expect(plan?.nextLine).toBe(105);
    // Chunks of 1,920 KiB, each read as two texts; every seventh name quoted, with a line break in it.
    expect(plan?.chunkBytes).toBe(1920 * 1024);
    const quoted = join(dir, 'wide-quoted.csv');
    const row = (i: number): string => (i % 7 === 0 ? `W${i},"${'y'.repeat(2500)}\n${'z'.repeat(2490)}"` : `W${i},x`.padEnd(4999, 'x'));
    writeFileSync(quoted, `id,name\n${Array.from({ length: 1_800 }, (_, i) => `${row(i)}\n`).join('')}`);
    const quotedOne = await cli(['check', quoted, '-s', standard, '-f', 'matrix', '--threads', '1']);
    const quotedThree = await cli(['check', quoted, '-s', standard, '-f', 'matrix', '--threads', '3']);
    expect(quotedThree.stdout).toBe(quotedOne.stdout);
    expect(quotedThree.stdout.replace(/^\uFEFF/, '').trimEnd().split('\n').slice(1).map((line) => line.split(',')[0])).toEqual(Array.from({ length: 1_800 }, (_, i) => `W${i}`));
    // Fifteen title lines above the header: found the same on one thread and on three.
    const titled = join(dir, 'titled.csv');
    const titles = Array.from({ length: 15 }, (_, i) => `某县社区服务中心建设情况统计表（第${i + 1}行标题）`).join('\n');
    writeFileSync(titled, `${titles}\n${readFileSync(survey, 'utf8')}`);
    const one = await cli(['check', titled, '-s', standard, '-f', 'matrix', '--threads', '1']);
    const three = await cli(['check', titled, '-s', standard, '-f', 'matrix', '--threads', '3']);
    expect(three.code).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stdout.split('\n')[1]).toBe('R0,fail,non_compliant');
  });

  it('lists matrix lines in input order, the same on one thread and on three', async () => {
    const one = await cli(['check', survey, '-s', standard, '-f', 'matrix', '--threads', '1']);
    const three = await cli(['check', survey, '-s', standard, '-f', 'matrix', '--threads', '3']);
    expect(one.code).toBe(1);
    expect(three.code).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    const lines = three.stdout.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(lines[0]).toBe('编号,par/population,判定:par');
    expect(lines).toHaveLength(RECORDS + 1);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(Array.from({ length: RECORDS }, (_, i) => `R${i}`));
    // Population 1990 + i % 20: below 2000 for i % 20 < 10.
    expect(lines[1]).toBe('R0,fail,non_compliant');
    expect(lines[11]).toBe('R10,pass,compliant');
    expect(lines[BAD + 1]).toBe(`R${BAD},unknown,undetermined`);
  });

  it('gives the same JSON report, with every record on its own line and the aggregates merged exactly', async () => {
    const one = await cli(['check', survey, '-s', standard, '-f', 'json', '--threads', '1']);
    const three = await cli(['check', survey, '-s', standard, '-f', 'json', '--threads', '3']);
    expect(three.code).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    const report = JSON.parse(three.stdout) as {
      summary: { results: Record<string, number> };
      results: { record: string | null; line: number | null; rule: string; region: string | null; status: string; actual: unknown; reason: { type: string } }[];
    };
    // Half the records fail the population rule, one is unknown; passes are counted, not listed.
    // Population 1990 + i % 20 fails for i % 20 < 10 (36,000 records, record 50,000 among them but
    // unknown), and the share and the mean fail in each of the three regions.
    expect(report.summary.results).toEqual({ pass: 36_000, fail: 35_999 + 3 + 3, unknown: 1, not_applicable: 0, waived: 0 });
    const bad = report.results.find((result) => result.record === `R${BAD}`);
    // Line of record i: the header, i earlier records, one more line for each earlier two-line name.
    const twoLineBefore = Array.from({ length: BAD }, (_, i) => i).filter(twoLines).length;
    expect(bad?.line).toBe(2 + BAD + twoLineBefore);
    expect(bad?.status).toBe('unknown');
    // Each region: 3 in 4 records have a centre (75% < 80%), office space 0…99 evenly (mean 49.5 < 50).
    const aggregates = report.results.filter((result) => result.record === null).map((result) => [result.rule, result.region, result.status, result.actual]);
    expect(aggregates).toEqual([
      ['centre-share', '东镇', 'fail', { share: 75, passed: 18_000, unknown: 0, total: 24_000 }],
      ['centre-share', '南镇', 'fail', { share: 75, passed: 18_000, unknown: 0, total: 24_000 }],
      ['centre-share', '西镇', 'fail', { share: 75, passed: 18_000, unknown: 0, total: 24_000 }],
      ['office-mean', '东镇', 'fail', { mean: 49.5, known: 24_000, unknown: 0, total: 24_000 }],
      ['office-mean', '南镇', 'fail', { mean: 49.5, known: 24_000, unknown: 0, total: 24_000 }],
      ['office-mean', '西镇', 'fail', { mean: 49.5, known: 24_000, unknown: 0, total: 24_000 }],
    ]);
  });

  it('points at the right line of a broken row far into the file', async () => {
    const broken = join(dir, 'broken.csv');
    const text = readFileSync(survey, 'utf8').split('\n');
    // Record 59,000 (a one-line record) is past every chunk boundary of a 9 MB file: a cell too many.
    const line = 2 + 59_000 + Array.from({ length: 59_000 }, (_, i) => i).filter(twoLines).length;
    expect(line).toBe(67431);
    expect(text[line - 1]?.startsWith('R59000,')).toBe(true);
    text[line - 1] = `${text[line - 1]},多余`;
    writeFileSync(broken, text.join('\n'));
    const one = await cli(['check', broken, '-s', standard, '-f', 'json', '--threads', '1']);
    const three = await cli(['check', broken, '-s', standard, '-f', 'json', '--threads', '3']);
    expect(three.code).toBe(2);
    expect(three.stdout).toBe('');
    expect(three.stderr).toBe(one.stderr);
    expect(three.stderr).toContain(`${broken}:67431`);
  });

  it('exits 2 when the run fails before judging, though its worker threads started early; the next run judges as before', async () => {
    // Workers start before the standards load; a missing standard or a header clash ends the run there.
    const missing = await cli(['check', survey, '-s', join(dir, 'no-such-standard.yaml'), '--threads', '3']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no-such-standard.yaml');
    const clash = join(dir, 'clash.csv');
    writeFileSync(clash, readFileSync(survey, 'utf8').replace('编号,名称,', '编号,id,'));
    const clashed = await cli(['check', clash, '-s', standard, '--threads', '3']);
    expect(clashed.code).toBe(2);
    expect(clashed.stderr).toContain(`${clash}:1`);
    // The run after them judges as before.
    const after = await cli(['check', survey, '-s', standard, '-f', 'matrix', '--threads', '3']);
    expect(after.code).toBe(1);
    expect(after.stdout.split('\n')[1]).toBe('R0,fail,non_compliant');
  });

  it('tells list entries outside the vocabulary the same on one thread and on three, counted over every chunk', async () => {
    // 120,000 records (12 MB); every 997th record names one of seven unknown functions, by turns.
    const lines = ['id,level,area_type,service_center_area_m2,has_service_center,functions'];
    for (let i = 0; i < 120_000; i++) {
      const extra = i % 997 === 0 ? `、神秘功能${i % 7}` : '';
      lines.push(`R${i},village,rural,${300 + (i % 200)},是,教育培训、文体活动、公共卫生、综合治理、便民超市${extra}`);
    }
    const items = join(dir, 'items.csv');
    writeFileSync(items, `${lines.join('\n')}\n`);
    const one = await cli(['check', items, '-s', 'water-town-2013', '-f', 'matrix', '--threads', '1']);
    const three = await cli(['check', items, '-s', 'water-town-2013', '-f', 'matrix', '--threads', '3']);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
    const told = three.stderr.split('\n').filter((line) => line.includes('神秘功能'));
    expect(told).toHaveLength(7);
    // Records 0, 997, 1994 … (lines 2, 999, 1996 …): 121 of them, 神秘功能0 and 神秘功能3 18 times, the others 17.
    expect(told[0]).toContain('“神秘功能0”（首见第 2 行，共 18 次）');
    expect(told[1]).toContain('“神秘功能3”（首见第 999 行，共 18 次）');
    expect(told[2]).toContain('“神秘功能6”（首见第 1996 行，共 17 次）');
  });
});

