// One benchmark measurement in its own process, so peak memory belongs to that job alone (worker
// threads included). Runs the built program, as users run it.
// Usage: tsx child.ts parse FILE | tsx child.ts check FILE OUT (format from OUT's extension)
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as RunModule from '../../src/cli/run.js';
import type * as IoModule from '../../src/cli/io.js';
import type * as LoadModule from '../../src/standards/load.js';
import type * as ReadModule from '../../src/survey/read-survey.js';

const dist = (path: string): string => pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', path)).href;
const { run } = (await import(dist('cli/run.js'))) as typeof RunModule;
const { processIo } = (await import(dist('cli/io.js'))) as typeof IoModule;
const { loadDictionary } = (await import(dist('standards/load.js'))) as typeof LoadModule;
const { readSurvey } = (await import(dist('survey/read-survey.js'))) as typeof ReadModule;

const [mode, file, out] = process.argv.slice(2);
const started = performance.now();
let records = 0;
let code = 0;
if (mode === 'parse') {
  const dictionary = loadDictionary();
  // The floor: the same reader and header mapping, and every value read once, but no rule.
  for await (const batch of readSurvey([file as string], { dictionary })) records += batch.size;
} else {
  code = await run(['check', file as string, '-o', out as string], processIo());
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ mode, records, code, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
