// npm run bench: generate 100,000- and 1,000,000-record surveys (once, cached under .bench/), then
// measure the parse-only floor and the full check against every bundled standard with the JSON
// report written to a file. Prints records/s, the check-to-parse ratio and peak memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateSurvey } from './generate.js';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.bench');
mkdirSync(dir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);

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

for (const size of sizes) {
  const file = join(dir, `survey-${size}.csv`);
  if (!existsSync(file)) {
    const started = Date.now();
    const columns = await generateSurvey(file, size);
    console.log(`generated ${file}: ${size} records × ${columns} columns in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const mib = statSync(file).size / 1024 / 1024;
  const parse = measure(['parse', file]);
  const report = join(dir, `report-${size}.json`);
  const check = measure(['check', file, report]);
  const reportMiB = statSync(report).size / 1024 / 1024;
  const rate = (m: Measure) => Math.round(size / m.seconds).toLocaleString('en-US');
  console.log(`\n${size.toLocaleString('en-US')} records (${mib.toFixed(0)} MiB CSV)`);
  console.log(`  parse only : ${parse.seconds.toFixed(2)} s, ${rate(parse)} records/s, peak RSS ${parse.maxRssMiB.toFixed(0)} MiB`);
  console.log(`  full check : ${check.seconds.toFixed(2)} s, ${rate(check)} records/s, peak RSS ${check.maxRssMiB.toFixed(0)} MiB, exit ${check.code}, JSON report ${reportMiB.toFixed(0)} MiB`);
  console.log(`  check/parse: ${(check.seconds / parse.seconds).toFixed(2)}×`);
}
