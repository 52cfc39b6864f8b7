// The main thread's young generation is held at a worker's size while a file is judged on several
// threads; workers start at their full size; V8's own settings come back after. Each case runs in a
// fresh process: the sizes are the process's heap's, which a test runner's own work would blur.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const hold = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'cli', 'parallel', 'young-generation.js')).href;
const MiB = 1024 * 1024;

/**
 * In a fresh process: a worker with a 16 MiB young generation made between `beforeWorkers` and
 * `workersOnline` (when `held`), then garbage with survivors made on the main thread, checking the hold
 * as the pool does after each chunk; then released, and as much garbage again. Gives the worker's young
 * generation when it started and the main thread's largest while held and after release (bytes).
 */
function run(held: boolean): { workerStart: number; whileHeld: number; afterRelease: number } {
  const script = `
    import { Worker } from 'node:worker_threads';
    import { getHeapSpaceStatistics } from 'node:v8';
    import { YoungGenerationHold } from '${hold}';
    const newSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const hold = new YoungGenerationHold(16);
    if (${held}) hold.beforeWorkers();
    const worker = new Worker("import v8 from 'node:v8'; import { parentPort } from 'node:worker_threads'; parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);", { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    await new Promise((resolve) => worker.once('online', resolve));
    if (${held}) hold.workersOnline();
    const workerStart = await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    const churn = () => {
      let kept = [];
      let largest = 0;
      for (let i = 0; i < 2e6; i++) {
        kept.push({ i, text: 'x' + i });
        if (kept.length > 100000) kept = [];
        if (i % 20000 === 0) {
          if (${held}) hold.check();
          largest = Math.max(largest, newSpace());
        }
      }
      return largest;
    };
    const whileHeld = churn();
    hold.release();
    const afterRelease = churn();
    console.log(JSON.stringify({ workerStart, whileHeld, afterRelease }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { workerStart: number; whileHeld: number; afterRelease: number };
}

describe('the main thread young generation hold', () => {
  it('starts workers at their full young generation and holds the main thread at the same size until released', () => {
    const { workerStart, whileHeld, afterRelease } = run(true);
    expect(workerStart).toBe(8 * MiB);
    expect(whileHeld).toBe(16 * MiB);
    // Released, V8 grows it again to its own maximum.
    expect(afterRelease).toBe(32 * MiB);
  });

  it('without it, a worker starts small and the main thread grows to its maximum (what the hold prevents)', () => {
    const { workerStart, whileHeld } = run(false);
    expect(workerStart).toBe(2 * MiB);
    expect(whileHeld).toBe(32 * MiB);
  });
});
