// A worker's rendered texts are written into buffers that come back once the main thread has written
// them: a sink is done with bytes once their write resolves, and the buffers are used again.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOutput } from '../src/cli/output.js';
import { RenderBuffers } from '../src/cli/parallel/chunk.js';
import { joinRendered } from '../src/report/format.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (view: Uint8Array): string => new TextDecoder().decode(view);

describe('rendered texts written into kept buffers', () => {
  it('joins text and bytes into the buffer it is given, body and records each in their own', () => {
    const given: ArrayBuffer[] = [];
    const into = (size: number): Uint8Array => {
      const buffer = new ArrayBuffer(size + 10);
      given.push(buffer);
      return new Uint8Array(buffer, 0, size);
    };
    const joined = joinRendered([{ body: 'a,pass\n', records: bytes(',{"r":1}') }, { body: bytes('b,fail\n') }], into);
    expect(text(joined.body)).toBe('a,pass\nb,fail\n');
    expect(text(joined.records as Uint8Array)).toBe(',{"r":1}');
    expect(given).toHaveLength(2);
    expect(joined.body.buffer).toBe(given[0]);
    expect(joined.records?.buffer).toBe(given[1]);
  });

  it('uses a buffer given back when it is large enough, and makes one with room to spare when not', () => {
    const buffers = new RenderBuffers();
    const first = buffers.take(100_000);
    expect(first.length).toBe(100_000);
    // A sixteenth more, in whole 64 KiB pieces.
    expect(first.buffer.byteLength).toBe(131_072);
    buffers.give(first.buffer as ArrayBuffer);
    const again = buffers.take(120_000);
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(120_000);
    buffers.give(again.buffer as ArrayBuffer);
    const larger = buffers.take(200_000);
    expect(larger.buffer).not.toBe(first.buffer);
    expect(larger.buffer.byteLength).toBe(262_144);
  });

  it('keeps the six largest buffers and drops a detached one', () => {
    const buffers = new RenderBuffers();
    const made = [1, 2, 3, 4, 5, 6, 7].map((pieces) => new ArrayBuffer(pieces * 65_536));
    for (const buffer of made) buffers.give(buffer);
    const moved = new ArrayBuffer(65_536);
    structuredClone(moved, { transfer: [moved] });
    buffers.give(moved);
    // The 64 KiB one was let go: a request it would fit takes the smallest kept that fits, 128 KiB.
    expect(buffers.take(1_000).buffer).toBe(made[1]);
    const taken = [2, 3, 4, 5, 6].map(() => buffers.take(1_000).buffer);
    expect(taken).toEqual([made[2], made[3], made[4], made[5], made[6]]);
    // None left: a new one.
    expect(made).not.toContain(buffers.take(1_000).buffer);
  });

  it('keeps no more than 8 MiB of buffers, the largest that fit', () => {
    const buffers = new RenderBuffers();
    const made = [3, 4, 2.5, 10].map((mib) => new ArrayBuffer(mib * 1024 * 1024));
    for (const buffer of made) buffers.give(buffer);
    // 10 MiB alone is past the limit; 4 + 3 fit, 2.5 more would not.
    expect(buffers.take(1).buffer).toBe(made[0]);
    expect(buffers.take(1).buffer).toBe(made[1]);
    expect(made).not.toContain(buffers.take(1).buffer);
  });

  it('a report file is done with bytes once their write resolves: the buffer filled again after does not change what was written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dabiao-render-buffers-'));
    const path = join(dir, 'report.matrix.csv');
    const output = fileOutput(path);
    // Pieces smaller than the stream's own buffer, which it would otherwise take and write later.
    const size = 4096;
    const buffer = new Uint8Array(size);
    const letters = [...'abcdefghijklmnop'];
    for (const letter of letters) {
      buffer.fill(letter.charCodeAt(0));
      await output.writeBytes(buffer);
    }
    buffer.fill(0x7a);
    await output.commit();
    const written = readFileSync(path, 'latin1');
    expect(written).toBe(letters.map((letter) => letter.repeat(size)).join(''));
  });
});
