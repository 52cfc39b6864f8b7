// Text normalisation shared by every stage: survey headers, list items and ids are matched this way.

/** Full-width ASCII (Ｂ７, ３５０, （）) to half-width, ideographic space to space. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

// Survey cells repeat the same few hundred names; a bounded cache keeps matching off the profile.
const NAME_CACHE_LIMIT = 50_000;
const nameCache = new Map<string, string>();

/** Normalise a name for matching: half-width, no spaces, lower case. */
export function normaliseName(text: string): string {
  if (text.length > 200) return toHalfWidth(text).replace(/\s+/g, '').toLowerCase();
  let name = nameCache.get(text);
  if (name === undefined) {
    name = toHalfWidth(text).replace(/\s+/g, '').toLowerCase();
    if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
    nameCache.set(text, name);
  }
  return name;
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional formatting characters that
// can reorder what a terminal or a viewer shows (Trojan Source).
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- as above.
const CONTROLS = /\r\n|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from a file (a survey cell, a header, a sheet name, a standard's title) made safe to print: an
 * escape or bell can clear a screen or fake a green line, a bidi override can reorder a name. C0 controls
 * become their visible Unicode pictures (ESC -> ␛), CRLF a line feed, C1 and bidi controls U+FFFD.
 */
export function neutralise(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (ch) => {
    if (ch === '\r\n') return '\n';
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\uFFFD';
  });
}

/** One line of a message on stderr: neutralised, and a line break from a file shown as ␊, so no text a
 * file holds can start a line of its own (a fake `::error` workflow command, a fake closing line). */
export function singleLine(text: string): string {
  return neutralise(text).replace(/\n/g, '\u240A');
}

/** Every string inside a value parsed from a file (a standard, the dictionary), neutralised. */
export function neutraliseDeep<T>(value: T): T {
  if (typeof value === 'string') return neutralise(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => neutraliseDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty: a key named __proto__ stays a key, never the prototype.
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: neutraliseDeep(item), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Normalise a column header: as a name, and without trailing units in brackets (面积（平方米）（%）). */
export function normaliseHeader(header: string): string {
  const name = normaliseName(header);
  // One pass from the right over the trailing bracket groups: each character is looked at once, so a
  // header of ten thousand "(a)" groups costs no more than its length.
  let end = name.length;
  while (end > 0) {
    const close = name[end - 1];
    const open = close === ')' ? '(' : close === ']' ? '[' : undefined;
    if (open === undefined) break;
    let at = end - 2;
    while (at >= 0 && name[at] !== open && name[at] !== close) at--;
    if (at < 0 || name[at] !== open) break;
    end = at;
  }
  return name.slice(0, end);
}

const LIST_SEPARATORS = /[;；、\n]/;

/** The entries of a list cell: "a、b；c" or a JSON array; blanks dropped. */
export function splitList(raw: unknown): string[] {
  const items = Array.isArray(raw) ? raw.map((item) => (typeof item === 'string' ? item : JSON.stringify(item) ?? '')) : String(raw ?? '').split(LIST_SEPARATORS);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Column number to spreadsheet letters: 1 -> A, 28 -> AB. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Any survey value as text: a JSON object or array by its (clipped) JSON. */
export function rawText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'object') {
    // Survey JSON may nest 10,000 levels deep, past what JSON.stringify can recurse through.
    try {
      const text = JSON.stringify(raw) ?? '';
      return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    } catch {
      return Array.isArray(raw) ? '[…]' : '{…}';
    }
  }
  return String(raw);
}

/**
 * A copy of `text` that does not keep alive the larger string it may be a slice of. A cell read from
 * a CSV block is a slice of the whole block; kept in a memo or an interned list it would pin the block
 * (megabytes) for the rest of the run. Concatenation then slicing makes V8 flatten into a fresh string.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
