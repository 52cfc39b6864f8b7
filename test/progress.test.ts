// The progress bar: drawn on a terminal stream only once a run has taken more than a second.
import { Writable } from 'node:stream';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../src/cli/progress.js';

function terminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => text };
}

describe('progress bar', () => {
  afterEach(() => vi.useRealTimers());
  const file = join(mkdtempSync(join(tmpdir(), 'dabiao-')), 's.csv');
  writeFileSync(file, 'x'.repeat(1000));

  it('stays silent for a run shorter than a second', async () => {
    vi.useFakeTimers();
    const { stream, text } = terminal();
    const progress = await startProgress(stream, [file], 'en');
    progress.bytes(500);
    vi.advanceTimersByTime(900);
    progress.stop();
    expect(text()).toBe('');
  });

  it('draws the share of bytes read and the records after a second', async () => {
    vi.useFakeTimers();
    const { stream, text } = terminal();
    const progress = await startProgress(stream, [file], 'en');
    progress.bytes(500);
    progress.records(1000);
    vi.advanceTimersByTime(1100);
    progress.bytes(500);
    progress.stop();
    expect(text()).toContain('50% | 1000 records');
  });
});
