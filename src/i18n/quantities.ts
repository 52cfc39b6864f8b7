// Numbers, units, field labels and bounds as people read them, in either language.
import type { Dictionary, Lang } from '../model.js';

export interface Wording {
  dictionary: Dictionary;
  lang: Lang;
}

/** 1234567.891 -> "1,234,567.891" (at most 4 decimals); toLocaleString is too slow for millions of results. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Most values in a report are small whole numbers: no grouping, no rounding.
  if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
  const fixed = Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
  if (fixed.includes('e')) return fixed;
  const point = fixed.indexOf('.');
  const whole = point === -1 ? fixed : fixed.slice(0, point);
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) grouped = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + grouped;
  return sign + grouped + (point === -1 ? '' : fixed.slice(point));
}

export function fieldLabel(wording: Wording, field: unknown): string {
  const def = typeof field === 'string' ? wording.dictionary.fields.get(field) : undefined;
  return def ? def.label[wording.lang] : String(field);
}

/** The unit as written after a number: "平方米" in Chinese, " m²" in English, "%" in both. */
export function unitText(wording: Wording, unit: string | undefined): string {
  if (!unit) return '';
  const symbol = wording.dictionary.units.get(unit)?.symbol[wording.lang] ?? unit;
  if (symbol === '') return '';
  return wording.lang === 'en' && symbol !== '%' ? ` ${symbol}` : symbol;
}

export function fieldUnit(wording: Wording, field: unknown): string {
  return unitText(wording, typeof field === 'string' ? wording.dictionary.fields.get(field)?.unit : undefined);
}

export function boundsText(min: unknown, max: unknown, unit: string): string {
  if (typeof min === 'number' && typeof max === 'number') return `${formatNumber(min)}–${formatNumber(max)}${unit}`;
  if (typeof min === 'number') return `≥ ${formatNumber(min)}${unit}`;
  if (typeof max === 'number') return `≤ ${formatNumber(max)}${unit}`;
  return '';
}

export function listText(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** A pass rate (0–1) as a percentage with one decimal; — when nothing was judged. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
