// A memo keyed by a span of a block's text (a cell, still undecoded), without making a string key for
// the lookup: a hash of a few sampled characters finds the slot, and one comparison of the span with
// the remembered text confirms it. A Map keyed by the sliced cell hashes every character of it in the
// runtime, which for a facilities list of 150 bytes costs over twice as much.
import { ownCopy } from '../text.js';

/** Slots the table starts with and grows to (powers of two); it holds at most half as many entries as
 * it has slots, and past that at its largest it starts again: memory stays flat, and small for the
 * many fields of few distinct values. */
const FIRST_SLOTS = 64;
const MAX_SLOTS = 8192;
/** Slots looked at before giving up: spans that collide more than this are simply not remembered, so
 * a file made to collide costs a fresh reading per cell, never a long search. */
const PROBES = 8;
/** Characters sampled for the hash, spread evenly over the span (all of them for short spans). */
const SAMPLES = 16;

export class SpanMemo<T> {
  private keys: (string | undefined)[] = new Array<string | undefined>(FIRST_SLOTS);
  private hashes = new Int32Array(FIRST_SLOTS);
  private values: (T | undefined)[] = new Array<T | undefined>(FIRST_SLOTS);
  private mask = FIRST_SLOTS - 1;
  private size = 0;

  /** The value remembered for the text of `text[start, end)`, if any. */
  get(text: string, start: number, end: number): T | undefined {
    const hash = spanHash(text, start, end);
    const length = end - start;
    const mask = this.mask;
    for (let probe = 0, slot = hash & mask; probe < PROBES; probe++, slot = (slot + 1) & mask) {
      const key = this.keys[slot];
      if (key === undefined) return undefined;
      if (this.hashes[slot] === hash && key.length === length && key === text.slice(start, end)) return this.values[slot];
    }
    return undefined;
  }

  /** Remember `value` for the text of `text[start, end)` (a span `get` did not find). */
  set(text: string, start: number, end: number, value: T): void {
    if (this.size * 2 >= this.mask + 1) this.grow();
    // A copy of its own: the key does not keep the block's text alive.
    this.place(ownCopy(text.slice(start, end)), spanHash(text, start, end), value);
  }

  private place(key: string, hash: number, value: T): void {
    const mask = this.mask;
    for (let probe = 0, slot = hash & mask; probe < PROBES; probe++, slot = (slot + 1) & mask) {
      if (this.keys[slot] !== undefined) continue;
      this.keys[slot] = key;
      this.hashes[slot] = hash;
      this.values[slot] = value;
      this.size++;
      return;
    }
  }

  /** Twice the slots, the entries placed again; at the largest size, empty again instead. */
  private grow(): void {
    const slots = this.mask + 1;
    const { keys, hashes, values } = this;
    const next = slots < MAX_SLOTS ? slots * 2 : slots;
    this.keys = new Array<string | undefined>(next);
    this.hashes = new Int32Array(next);
    this.values = new Array<T | undefined>(next);
    this.mask = next - 1;
    this.size = 0;
    if (next === slots) return;
    for (let slot = 0; slot < slots; slot++) {
      const key = keys[slot];
      if (key !== undefined) this.place(key, hashes[slot] as number, values[slot] as T);
    }
  }
}

/** A hash of the span's length and of up to SAMPLES characters spread over it, the last included. */
export function spanHash(text: string, start: number, end: number): number {
  const length = end - start;
  let hash = Math.imul(length ^ 0x811c9dc5, 16777619);
  const step = length > SAMPLES ? Math.floor(length / SAMPLES) : 1;
  for (let at = start; at < end; at += step) hash = Math.imul(hash ^ text.charCodeAt(at), 16777619);
  if (length > 0) hash = Math.imul(hash ^ text.charCodeAt(end - 1), 16777619);
  return hash;
}
