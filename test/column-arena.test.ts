// A batch's column arrays carved from shared buffers: each its own, zeroed, aligned for its type.
import { describe, expect, it } from 'vitest';
import { ColumnArena } from '../src/survey/column-arena.js';

describe('column arena', () => {
  it('gives arrays that do not overlap, start zeroed and sit at a multiple of their element size', () => {
    const arena = new ColumnArena();
    const a = arena.uint8(3);
    const b = arena.float64(5);
    const c = arena.int32(7);
    const d = arena.uint8(1);
    const e = arena.float64(2);
    for (const array of [a, b, c, d, e]) expect([...array].every((value) => value === 0)).toBe(true);
    a.fill(0xaa);
    b.fill(1.5);
    c.fill(-7);
    d.fill(0x55);
    e.fill(-2.25);
    expect([...a]).toEqual([0xaa, 0xaa, 0xaa]);
    expect([...b]).toEqual([1.5, 1.5, 1.5, 1.5, 1.5]);
    expect([...c]).toEqual([-7, -7, -7, -7, -7, -7, -7]);
    expect([...d]).toEqual([0x55]);
    expect([...e]).toEqual([-2.25, -2.25]);
    expect(b.byteOffset % 8).toBe(0);
    expect(c.byteOffset % 4).toBe(0);
    expect(e.byteOffset % 8).toBe(0);
    // Small arrays share a buffer.
    expect(b.buffer).toBe(a.buffer);
  });

  it('starts a new buffer when one is full, and gives a request larger than a buffer one of its own', () => {
    const arena = new ColumnArena();
    const first = arena.uint8(200 * 1024);
    const next = arena.uint8(100 * 1024); // does not fit in the rest of the first 256 KiB
    expect(next.buffer).not.toBe(first.buffer);
    const large = arena.float64(100_000); // 800,000 bytes
    expect(large.length).toBe(100_000);
    expect(large.buffer.byteLength).toBe(800_000);
    large[99_999] = 3;
    next.fill(9);
    first.fill(4);
    expect(large[99_999]).toBe(3);
    expect(next[100 * 1024 - 1]).toBe(9);
    expect(first[0]).toBe(4);
  });
});
