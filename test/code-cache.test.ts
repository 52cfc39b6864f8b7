// The built program runs from one bundle compiled with the code cache the build made of it: a cache is
// used only with the very text it was made from, anything else is compiled as usual, and the build's
// own cache is taken by a fresh process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'dabiao-code-cache-'));

const codeCache = pathToFileURL(join(root, 'dist', 'cli', 'code-cache.js')).href;

/** Loads `file` in a fresh process (V8 keeps what it compiled in a process, so only a new one reads a
 * cache), optionally writing its cache; gives the cache's state and what the module computes. */
function loadFresh(file: string, write = false): string {
  const script = `import { loadBundle } from '${codeCache}'; const loaded = loadBundle(new URL('${pathToFileURL(file).href}')); console.log(loaded.cache, loaded.exports.answer(), loaded.exports.where); ${write ? 'loaded.writeCache();' : ''}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

function sampleBundle(name: string, factor: number): string {
  const file = join(dir, name);
  // A few functions for V8 to compile, and the module's own file name.
  writeFileSync(file, `exports.answer = function answer() { return [1, 2, 3].map((x) => x * ${factor}).reduce((a, b) => a + b, 0); };\nexports.where = __filename;\n`);
  return file;
}

describe('code cache', () => {
  it('runs a bundle as a CommonJS module, then from the cache it wrote', () => {
    const file = sampleBundle('plain.cjs', 7);
    expect(loadFresh(file, true)).toBe(`none 42 ${file}`);
    expect(loadFresh(file)).toBe(`used 42 ${file}`);
  });

  it('refuses the cache of another text of the same length, and runs the text as it is', () => {
    const file = sampleBundle('edited.cjs', 7);
    loadFresh(file, true);
    // Same length, other code: V8's own check (the length of the text) would let the cache through.
    writeFileSync(file, readFileSync(file, 'utf8').replace('x * 7', 'x * 8'));
    expect(loadFresh(file)).toBe(`refused 48 ${file}`);
  });

  it('refuses a damaged cache and compiles the bundle as usual', () => {
    const file = sampleBundle('damaged.cjs', 7);
    loadFresh(file, true);
    const cache = readFileSync(`${file}.cache`);
    // The digest stays right; what follows it is no longer V8's.
    cache.fill(0x5a, 32);
    writeFileSync(`${file}.cache`, cache);
    expect(loadFresh(file)).toBe(`refused 42 ${file}`);
  });

  it('the build leaves a cache a fresh process takes; the bundle finds the bundled standards and validates with the validators it carries', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: Bad Id\ntitle: {zh: 坏}\nsource: {document: 测试}\nrules: []\n');
    const script = `import { loadBundle } from '${codeCache}'; const loaded = loadBundle(); console.log(loaded.cache); const listed = await loaded.exports.main(['standards', 'list', '-f', 'json']); const linted = await loaded.exports.main(['lint', ${JSON.stringify(bad)}, '--lang', 'en']); console.log(listed, linted);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const [state, ...rest] = run.stdout.trim().split('\n');
    expect(state).toBe('used');
    expect(rest.at(-1)).toBe('0 2');
    const ids = (JSON.parse(rest.slice(0, -1).join('\n')) as { id: string }[]).map((standard) => standard.id);
    expect(ids).toContain('xishan-2008');
    expect(ids).toHaveLength(8);
    // The schema's own problem, at the line of the id.
    expect(run.stderr).toContain(`dabiao: ${bad}:1:5: id has the wrong form (must match ^[a-z0-9]+(-[a-z0-9]+)*$)\n`);
  });
});
