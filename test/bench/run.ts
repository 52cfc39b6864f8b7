// npm run bench: generate 100,000- and 1,000,000-record surveys with every field of the dictionary
// (once, cached under .bench/), then measure the parse-only floor and the full check against every
// bundled standard, writing the matrix report and the default JSON report to files. Prints records/s,
// peak memory and report sizes. Then runs the side-by-side benchmark against DuckDB and a hand-tuned
// Node checker (PEER_BENCH, default ../shared/bench/run.sh beside the project) and prints its ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSurvey } from './generate.js';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.bench');
mkdirSync(dir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').filter(Boolean).map(Number);

interface Measure {
  records: number;
  code: number;
  seconds: number;
  maxRssMiB: number;
}

function measure(args: string[]): Measure {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const output = execFileSync(tsx, [join(import.meta.dirname, 'child.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').at(-1) as string) as Measure;
}

const mib = (file: string): number => statSync(file).size / 1024 / 1024;

for (const size of sizes) {
  const file = join(dir, `survey-${size}.csv`);
  if (!existsSync(file)) {
    const started = Date.now();
    const columns = await generateSurvey(file, size);
    console.log(`generated ${file}: ${size} records × ${columns} columns in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const rate = (m: Measure) => Math.round(size / m.seconds).toLocaleString('en-US');
  const line = (m: Measure) => `${m.seconds.toFixed(2)} s, ${rate(m)} records/s, peak RSS ${m.maxRssMiB.toFixed(0)} MiB`;
  console.log(`\n${size.toLocaleString('en-US')} records (${mib(file).toFixed(0)} MiB CSV), every bundled standard`);
  const parse = measure(['parse', file]);
  console.log(`  parse only     : ${line(parse)}`);
  const matrix = join(dir, `report-${size}.matrix.csv`);
  const statuses = measure(['check', file, matrix]);
  console.log(`  check, matrix  : ${line(statuses)}, exit ${statuses.code}, report ${mib(matrix).toFixed(0)} MiB`);
  const json = join(dir, `report-${size}.json`);
  const full = measure(['check', file, json]);
  console.log(`  check, JSON    : ${line(full)}, exit ${full.code}, report ${mib(json).toFixed(0)} MiB`);
}

const peer = resolve(process.env.PEER_BENCH ?? join(root, '..', 'shared', 'bench', 'run.sh'));
if (existsSync(peer)) {
  const rows = process.env.PEER_ROWS ?? '1000000';
  const rounds = process.env.PEER_ROUNDS ?? '3';
  console.log(`\nside by side (${peer} ${rows} ${rounds}): dabiao writing the matrix report`);
  const result = spawnSync(peer, [rows, rounds], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
} else {
  console.log(`\nside by side: skipped (no ${peer}; set PEER_BENCH to the side-by-side run.sh)`);
}
