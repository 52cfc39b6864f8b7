// One benchmark measurement in its own process, so peak memory belongs to that job alone.
// Usage: tsx child.ts parse FILE | tsx child.ts check FILE OUT.json
import { performance } from 'node:perf_hooks';
import { run } from '../../src/cli/run.js';
import { processIo } from '../../src/cli/io.js';
import { loadDictionary } from '../../src/standards/load.js';
import { readSurvey } from '../../src/survey/read-survey.js';

const [mode, file, out] = process.argv.slice(2);
const started = performance.now();
let records = 0;
let code = 0;
if (mode === 'parse') {
  const dictionary = loadDictionary();
  // The floor: the same reader and header mapping, and every value read once, but no rule.
  for await (const batch of readSurvey([file as string], { dictionary })) records += batch.size;
} else {
  code = await run(['check', file as string, '--format', 'json', '-o', out as string], processIo());
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ mode, records, code, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
