// Bounds on how much of one piece of data a report repeats. A name, id or value is copied into every
// result of its record, so a 20 MiB cell would otherwise become gigabytes of SARIF and a terminal
// flooded for minutes. Every format cuts through these functions, so the marker reads the same
// everywhere. Characters are counted as Unicode code points (as SARIF's columnKind says), so a
// character outside the BMP (𠮷) counts once and is never cut in half.
import type { Lang } from '../model.js';
import { REPORT_TEXT } from '../i18n/report-text.js';
import { listText } from '../i18n/quantities.js';

/** Characters of one piece of data (a name, record id, region, sheet, value, list entry) every format shows. */
export const CELL_LIMIT = 200;
/** Characters of a composed text (a message, a list shown whole) every format shows. */
export const MESSAGE_LIMIT = 2_000;
/** Characters of text the JSON report's `actual` keeps exact, a string or a list's entries together. */
export const JSON_ACTUAL_MAX_CHARS = 10_000;
/** Entries of a list the JSON report's `actual` keeps. */
export const JSON_ACTUAL_MAX_ENTRIES = 1_000;
/** Nesting the JSON report's `actual` keeps; survey values are flat, this only guards the walk. */
const JSON_ACTUAL_MAX_DEPTH = 16;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// The same long cell reaches this module once per result and per format: its length is counted once.
let lastCounted: string | undefined;
let lastCount = 0;

/** Code points in a text (a surrogate pair is one, a lone surrogate one). */
export function codePoints(text: string): number {
  if (text === lastCounted) return lastCount;
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      count--;
      i++;
    }
  }
  if (text.length > CELL_LIMIT) {
    lastCounted = text;
    lastCount = count;
  }
  return count;
}

/** The UTF-16 length of a text's first `count` code points: where to cut without splitting a pair. */
function prefixEnd(text: string, count: number): number {
  let end = 0;
  for (let n = 0; n < count && end < text.length; n++) end += isHigh(text.charCodeAt(end)) && isLow(text.charCodeAt(end + 1)) ? 2 : 1;
  return end;
}

/**
 * A text of more than `limit` characters as its first `limit` followed by the marker naming its full
 * length: "…（共 20971520 字符）" / "… (20971520 characters)". Shorter texts are returned as they are.
 */
export function clipText(text: string, lang: Lang, limit = CELL_LIMIT): string {
  // A text no longer than the limit in UTF-16 units has no more code points than that.
  if (text.length <= limit) return text;
  const total = codePoints(text);
  if (total <= limit) return text;
  return `${text.slice(0, prefixEnd(text, limit))}${REPORT_TEXT.clippedCharacters[lang](total)}`;
}

/** A bad value quoted back. Ingestion (survey/values.ts) already cuts one to CELL_LIMIT characters and
 * "…", one more than CELL_LIMIT: that passes as it is rather than marked again with the wrong length. */
export function clipRaw(raw: string, lang: Lang): string {
  return clipText(raw, lang, CELL_LIMIT + 1);
}

/** clipText for the nullable fields of a result (record, name, region, group, sheet). */
export function clipOrNull(text: string | null, lang: Lang): string | null {
  return text === null ? null : clipText(text, lang);
}

/**
 * A list as one text: each entry cut to CELL_LIMIT, entries joined until `limit` characters, then the
 * marker naming how many entries the list has: "a、b、c…（共 5000 项）".
 */
export function clipList(items: readonly string[], lang: Lang, limit = MESSAGE_LIMIT): string {
  const shown: string[] = [];
  let used = 0;
  for (const item of items) {
    const entry = clipText(item, lang);
    used += codePoints(entry) + 1;
    if (used > limit && shown.length > 0) return `${listText(shown, lang)}${REPORT_TEXT.clippedEntries[lang](items.length)}`;
    shown.push(entry);
  }
  return listText(shown, lang);
}

/** A value for the JSON report (and SARIF properties): exact within the caps, or cut and flagged. */
export interface CappedValue {
  value: unknown;
  clipped: boolean;
}

/**
 * `actual` as the JSON report holds it: a string keeps its first JSON_ACTUAL_MAX_CHARS characters, a
 * list its first JSON_ACTUAL_MAX_ENTRIES entries and no more than JSON_ACTUAL_MAX_CHARS characters of
 * text in all; what is cut ends with the marker (a list gets it as one last entry).
 */
export function capActual(actual: unknown, lang: Lang): CappedValue {
  if (withinCaps(actual)) return { value: actual, clipped: false };
  const state = { budget: JSON_ACTUAL_MAX_CHARS, clipped: false };
  const value = capValue(actual, lang, state, 0);
  return { value, clipped: state.clipped };
}

/** The common case, checked without copying: a number, a short string, a short flat list or record.
 * UTF-16 length bounds the code points, so a text within the cap in units is within it in characters. */
function withinCaps(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= JSON_ACTUAL_MAX_CHARS;
  if (value === null || typeof value !== 'object') return true;
  const items = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
  if (items.length > JSON_ACTUAL_MAX_ENTRIES) return false;
  let chars = 0;
  for (const item of items) {
    if (typeof item === 'string') chars += item.length;
    else if (item !== null && typeof item === 'object') return false;
  }
  return chars <= JSON_ACTUAL_MAX_CHARS;
}

function capValue(value: unknown, lang: Lang, state: { budget: number; clipped: boolean }, depth: number): unknown {
  if (typeof value === 'string') {
    const length = codePoints(value);
    if (length <= state.budget) {
      state.budget -= length;
      return value;
    }
    state.clipped = true;
    const cut = clipText(value, lang, state.budget);
    state.budget = 0;
    return cut;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= JSON_ACTUAL_MAX_DEPTH) {
    state.clipped = true;
    return REPORT_TEXT.clippedEntries[lang](Array.isArray(value) ? value.length : Object.keys(value).length);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (out.length >= JSON_ACTUAL_MAX_ENTRIES || state.budget === 0) break;
      out.push(capValue(item, lang, state, depth + 1));
    }
    if (out.length < value.length) {
      state.clipped = true;
      out.push(REPORT_TEXT.clippedEntries[lang](value.length));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  // defineProperty: a key named __proto__ stays a key, never the prototype.
  for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: capValue(item, lang, state, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}
