// Build step (the last of `npm run build`): the compiled modules as one CommonJS bundle, and the V8
// code cache of a warm-up run of it (code-cache.ts). A run then neither resolves some 300 modules nor
// compiles the functions it starts with, on the main thread and on each worker thread: 0.50 -> 0.33 s
// for a check of 1,000 records, and 3.02 -> 2.81 s for the 12-rule benchmark at 1,000,000 rows on two
// threads (medians of 10 alternating runs each, the same statuses).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_FILE, loadBundle } from './code-cache.js';
import { PARALLEL_MIN_BYTES } from './parallel/pool.js';
import { PRECOMPILED_FILE } from '../standards/schema-validators.js';

const DIST = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(DIST, '..');

/** Each module keeps its own import.meta.url inside the bundle, as the file it was built to: the
 * modules find what lies beside them (the bundled standards, the precompiled validators, the worker
 * script) as they do unbundled. */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(context) {
    context.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!args.path.startsWith(DIST) || !text.includes('import.meta.url')) return undefined;
      const own = JSON.stringify(relative(DIST, args.path).split('\\').join('/'));
      return { contents: text.replaceAll('import.meta.url', `__moduleUrl(${own})`), loader: 'js' };
    });
  },
};

async function bundle(): Promise<void> {
  const outfile = fileURLToPath(BUNDLE_FILE);
  const result = await build({
    // The CLI's exports, and the precompiled validators inside the bundle (made by the step before).
    stdin: {
      contents: [
        `export * from './cli/bundle-entry.js';`,
        `import { usePrecompiled } from './standards/schema-validators.js';`,
        `import validators from './standards/${PRECOMPILED_FILE}';`,
        `usePrecompiled(validators);`,
      ].join('\n'),
      resolveDir: DIST,
      sourcefile: 'bundle.js',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Loaded by `template` alone, and large.
    external: ['exceljs'],
    banner: { js: `const __moduleUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', file)).href;` },
    plugins: [ownUrls],
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // A dynamic import() left to run would need the module loader, which code compiled from a cache
  // (vm.Script) does not have: every module a run may import() must be inside the bundle.
  const left = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external === true));
  if (left.length > 0) throw new Error(`${outfile}: dynamic imports left outside the bundle: ${left.map((entry) => entry.path).join(', ')}`);
  // ASCII only: a text with one character past Latin-1 (a Chinese word in a regular expression or a
  // comment) is held in two bytes a character, and decoding the file took 10 ms of every start.
  // An escape means the same in a string, a regular expression, an identifier and a comment (no
  // tagged template in the code reads its raw text).
  // eslint-disable-next-line no-control-regex -- every character past ASCII, whichever it is
  const text = (result.outputFiles[0] as { text: string }).text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, text);
}

/** Three warm-up runs through the bundle, then the code cache of what they compiled: the bundled sample
 * into the reports most runs write; the sample repeated past the size at which a file is split across
 * threads, into the matrix report (what judges chunks on the main thread, as on a worker); and the
 * sample against a standard given as a file, whose YAML is parsed at every run. */
async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dabiao-build-'));
  try {
    const sample = join(ROOT, 'fixtures', 'sample-survey.csv');
    const [header, ...rows] = readFileSync(sample, 'utf8').trimEnd().split('\n');
    const body = `${rows.join('\n')}\n`;
    const large = join(dir, 'survey.csv');
    writeFileSync(large, `${header}\n${body.repeat(Math.ceil(PARALLEL_MIN_BYTES / Buffer.byteLength(body)) + 1)}`);
    const out = (name: string): string[] => ['-o', join(dir, name)];
    const loaded = loadBundle();
    await loaded.exports.main(['check', sample, '--as-of', '2026-12-01', ...out('report.json'), ...out('report.txt'), ...out('report.matrix.csv')]);
    await loaded.exports.main(['check', large, '--threads', '2', '--as-of', '2026-12-01', ...out('large.matrix.csv')]);
    // Given by its path, a standard is parsed from its YAML (only a bundled id is taken from the build's cache).
    await loaded.exports.main(['check', sample, '-s', join(ROOT, 'standards', 'xishan-2008.yaml'), '--as-of', '2026-12-01', ...out('own.json')]);
    loaded.writeCache();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await bundle();
await warmUp();
