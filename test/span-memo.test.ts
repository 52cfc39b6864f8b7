// The memo of cell readings keyed by a span of a block's text: a hit only for the same characters,
// whatever the sampled hash says; bounded in size and in the work a lookup may do.
import { describe, expect, it } from 'vitest';
import { SpanMemo, spanHash } from '../src/survey/span-memo.js';

describe('SpanMemo', () => {
  it('finds a span by its text, wherever in a text it sits', () => {
    const memo = new SpanMemo<string>();
    const block = 'id,village,rural\n2,village,urban\n';
    memo.set(block, 3, 10, 'first');
    expect(block.slice(19, 26)).toBe('village');
    expect(memo.get(block, 19, 26)).toBe('first');
    expect(memo.get('x,villagf', 2, 9)).toBeUndefined();
    expect(memo.get(block, 11, 16)).toBeUndefined();
  });

  it('never takes two texts of one sampled hash for each other', () => {
    // 40 characters: the hash samples every second one, so these two differ only where it does not look.
    const a = 'a'.repeat(40);
    const b = 'a'.repeat(21) + 'b' + 'a'.repeat(18);
    expect(spanHash(a, 0, 40)).toBe(spanHash(b, 0, 40));
    const memo = new SpanMemo<number>();
    memo.set(a, 0, 40, 1);
    expect(memo.get(b, 0, 40)).toBeUndefined();
    memo.set(b, 0, 40, 2);
    expect(memo.get(a, 0, 40)).toBe(1);
    expect(memo.get(b, 0, 40)).toBe(2);
  });

  it('gives up on a span after eight colliding ones instead of searching on', () => {
    // Ten texts of one hash (they differ only at unsampled places): eight are remembered, then no more.
    const texts = Array.from({ length: 10 }, (_, i) => 'a'.repeat(21) + String.fromCharCode(98 + i) + 'a'.repeat(18));
    expect(new Set(texts.map((text) => spanHash(text, 0, 40))).size).toBe(1);
    const memo = new SpanMemo<number>();
    texts.forEach((text, i) => memo.set(text, 0, 40, i));
    expect(texts.map((text) => memo.get(text, 0, 40))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, undefined, undefined]);
  });

  it('keeps every entry as it grows, and starts again once full at its largest', () => {
    const memo = new SpanMemo<number>();
    const key = (i: number): string => `cell-${i}`;
    for (let i = 0; i < 4000; i++) memo.set(key(i), 0, key(i).length, i);
    const got = Array.from({ length: 4000 }, (_, i) => memo.get(key(i), 0, key(i).length));
    // A few may collide past the probe limit and go unremembered; none may be another's value.
    expect(got.filter((value, i) => value === i).length).toBeGreaterThan(3900);
    expect(got.filter((value, i) => value !== undefined && value !== i)).toEqual([]);
    // 4,096 entries is the most it holds: the next one empties it first.
    for (let i = 4000; i < 4200; i++) memo.set(key(i), 0, key(i).length, i);
    expect(memo.get(key(4199), 0, key(4199).length)).toBe(4199);
    expect(memo.get(key(5), 0, key(5).length)).toBeUndefined();
  });
});
