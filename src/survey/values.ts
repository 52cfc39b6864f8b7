// Turn raw survey cells into typed values, by the data dictionary. Anything that cannot be read
// with confidence is reported as a problem, so the rule that reads it becomes `unknown`, never `pass`.
import type { Conversion, Parsed } from '../batch.js';
import type { Dictionary, FieldDef } from '../model.js';
import { roundNoise } from '../numbers.js';
import { vocabularyOf } from '../model.js';
import { isIsoDate, neutralise, normaliseName, rawText, splitList, toHalfWidth } from '../text.js';
import { booleanWord, enumWord } from '../standards/words.js';

export type { Conversion, Parsed, Value } from '../batch.js';

const MISSING: Parsed = { ok: false, problem: 'missing' };

const EMPTY_LIST_WORDS = new Set(['无', '没有', 'none']);

/** A list cell saying "none" (无): an empty list, not an entry named 无. */
export function isEmptyListWord(item: string): boolean {
  return EMPTY_LIST_WORDS.has(normaliseName(item));
}
/** A text that is, as written, an ordinary value: printable ASCII without spaces and not a
 * placeholder. Such a cell needs no normalising to be read as text. */
export function isPlainText(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code > 0x7e) return false;
  }
  // Ids and codes that start with a digit skip the lowercase copy and the lookup, while no placeholder does.
  const first = text.charCodeAt(0);
  return length > 16 || (first >= 48 && first <= 57 && !DIGIT_PLACEHOLDER) || !PLACEHOLDERS.has(text.toLowerCase());
}

/** Words forms use for "no answer yet": never a value, whatever the field's type. */
const PLACEHOLDERS = new Set(['待定', '待查', '待填', '不详', '未知', '暂缺', '暂无数据', '无数据', '未填', 'n/a', 'na', 'null', 'unknown', 'tbd', '?', '？', '-', '--', '—', '——', '/']);
/** Whether some placeholder starts with a digit (none does today). */
const DIGIT_PLACEHOLDER = [...PLACEHOLDERS].some((word) => /^[0-9]/.test(word));

const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

const DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Small integers in Chinese numerals: 三百五十 = 350, 两千零八 = 2008, 十二 = 12 (below 100,000 with 万).
 * The spoken shorthand 三百五 (350 or 305?) is refused rather than guessed.
 */
export function parseChineseInteger(text: string): number | undefined {
  if (text === '' || !/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  let zero = false;
  for (const char of text) {
    const value = DIGITS[char];
    if (value !== undefined) {
      if (value === 0) {
        if (digit !== undefined) return undefined;
        zero = true;
        continue;
      }
      if (digit !== undefined) return undefined;
      digit = value;
      continue;
    }
    const unit = UNITS[char] as number;
    if (unit >= lastUnit) return undefined;
    if (digit === undefined) {
      if (unit !== 10 || total !== 0 || zero) return undefined;
      digit = 1;
    }
    total += digit * unit;
    digit = undefined;
    lastUnit = unit;
    zero = false;
  }
  if (digit !== undefined) {
    if (lastUnit !== Infinity && lastUnit > 10 && !zero) return undefined;
    total += digit;
  }
  return total;
}

/** Parse a number written the way survey forms write them: 1,200 / ３５０ / 350㎡ / 0.35万 / 30% / 三百五十. */
export function parseNumber(raw: unknown, suffixes: readonly string[]): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  let text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  const lower = text.toLowerCase();
  for (const suffix of [...suffixes].sort((a, b) => b.length - a.length)) {
    if (suffix && lower.endsWith(suffix.toLowerCase())) {
      text = text.slice(0, text.length - suffix.length);
      break;
    }
  }
  let multiplier = 1;
  if (text.endsWith('万')) {
    multiplier = 10_000;
    text = text.slice(0, -1);
  }
  if (GROUPED.test(text)) text = text.replace(/,/g, '');
  const value = NUMBER.test(text) ? Number(text) * multiplier : (parseChineseInteger(text) ?? NaN) * multiplier;
  return Number.isFinite(value) ? roundNoise(value) : undefined;
}

/** A number written in another unit the field's unit converts from: "12亩" for m² (1 亩 = 666.67 m²). */
function parseConverted(raw: unknown, conversions: Readonly<Record<string, number>> | undefined): { value: number; conversion: Conversion } | undefined {
  if (!conversions || typeof raw !== 'string') return undefined;
  const text = toHalfWidth(raw).trim().replace(/\s+/g, '').toLowerCase();
  for (const [from, factor] of Object.entries(conversions)) {
    if (!text.endsWith(from.toLowerCase())) continue;
    const number = parseNumber(text.slice(0, text.length - from.length), []);
    if (number !== undefined) return { value: roundNoise(number * factor), conversion: { raw, from, factor } };
  }
  return undefined;
}

/** Bad values are quoted back in reports: a 20 MB cell is quoted by its first 200 characters. */
function clipped(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

export function parseValue(raw: unknown, field: FieldDef, dictionary: Dictionary): Parsed {
  if (isBlank(raw)) return MISSING;
  const bad = (problem: 'unparseable' | 'out-of-range' = 'unparseable'): Parsed => ({ ok: false, problem, raw: neutralise(clipped(rawText(raw))) });
  // Placeholders are short words: a long text is never one, and is not normalised to find out.
  if (typeof raw === 'string' && raw.length <= 16 && PLACEHOLDERS.has(normaliseName(raw))) return bad();
  switch (field.type) {
    case 'number':
    case 'integer': {
      const unit = field.unit ? dictionary.units.get(field.unit) : undefined;
      const converted = parseNumber(raw, unit?.suffixes ?? []) === undefined ? parseConverted(raw, unit?.conversions) : undefined;
      const value = converted?.value ?? parseNumber(raw, unit?.suffixes ?? []);
      if (value === undefined) return bad();
      if (field.type === 'integer' && !Number.isInteger(value)) return bad();
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) return bad('out-of-range');
      return converted ? { ok: true, value, converted: converted.conversion } : { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const value = booleanWord(rawText(raw));
      return value === undefined ? bad() : { ok: true, value };
    }
    case 'enum': {
      const value = enumWord(field, rawText(raw));
      return value === undefined ? bad() : { ok: true, value };
    }
    case 'list': {
      const cleaned = splitList(raw);
      if (cleaned.length === 1 && isEmptyListWord(cleaned[0] ?? '')) return { ok: true, value: [] };
      const vocabulary = vocabularyOf(dictionary, field.id);
      const canonical = cleaned.map((item) => vocabulary.get(normaliseName(item)) ?? neutralise(item.trim()));
      return { ok: true, value: [...new Set(canonical)] };
    }
    case 'date': {
      const text = toHalfWidth(rawText(raw)).trim();
      return isIsoDate(text) ? { ok: true, value: text } : bad();
    }
    case 'string':
      return typeof raw === 'object' ? bad() : { ok: true, value: neutralise(rawText(raw).trim()) };
  }
}
