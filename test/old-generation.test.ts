// The main thread's old generation is collected once it has grown by a bounded amount while a file is
// judged on several threads, instead of growing to several times what it held. Each case runs in a
// fresh process: the sizes are the process's heap's, which a test runner's own work would blur.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OldGenerationLimit } from '../src/cli/parallel/old-generation.js';

const limitModule = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'cli', 'parallel', 'old-generation.js')).href;
const MiB = 1024 * 1024;

/** Objects that outlive two young collections (so are promoted) and are then dropped, checking the
 * limit (8 MiB of growth, no time between collections) as the pool does after each chunk when
 * `checked`; gives the largest old generation seen and the collections the limit made. */
function run(checked: boolean): { largest: number; collections: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { OldGenerationLimit } from '${limitModule}';
    const old = () => getHeapSpaceStatistics().filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space').reduce((sum, s) => sum + s.space_used_size, 0);
    const limit = new OldGenerationLimit(8 * 1024 * 1024, 0);
    let kept = [];
    let largest = 0;
    for (let i = 0; i < 8e6; i++) {
      kept.push({ i, text: 'x' + i });
      if (kept.length > 100000) kept = [];
      if (i % 10000 === 0) {
        if (${checked}) limit.check();
        largest = Math.max(largest, old());
      }
    }
    console.log(JSON.stringify({ largest, collections: limit.collections }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { largest: number; collections: number };
}

describe('the main thread old generation limit', () => {
  it('collects the old generation whenever it has grown by the limit', () => {
    const { largest, collections } = run(true);
    // About 6 MiB live at most, the 8 MiB of growth allowed, and what one check interval promotes.
    expect(largest).toBeLessThan(24 * MiB);
    expect(collections).toBeGreaterThan(10);
  });

  it('collects no sooner than its interval after the last collection', () => {
    let clock = 0;
    // No growth needed: every check past the interval collects.
    const limit = new OldGenerationLimit(0, 2000, () => clock);
    limit.check();
    expect(limit.collections).toBe(1);
    limit.check();
    clock = 1999;
    limit.check();
    expect(limit.collections).toBe(1);
    clock = 2000;
    limit.check();
    expect(limit.collections).toBe(2);
  });

  it('without it, V8 lets the same garbage grow the old generation well past that (what the limit prevents)', () => {
    const { largest, collections } = run(false);
    expect(largest).toBeGreaterThan(40 * MiB);
    expect(collections).toBe(0);
  });
});
