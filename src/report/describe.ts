// Render a result's reason (data) as one sentence in the chosen language.
import type { FieldDef, Lang, Requirement, Result } from '../model.js';
import { STATUS_WORDS } from '../i18n/words.js';
import type { ReportContext } from './context.js';

function label(context: ReportContext, field: string): string {
  const def: FieldDef | undefined = context.dictionary.fields.get(field);
  return def ? def.label[context.lang] : field;
}

function unitText(context: ReportContext, unit: string | undefined): string {
  if (!unit) return '';
  const symbol = context.dictionary.units.get(unit)?.symbol[context.lang] ?? unit;
  if (symbol === '') return '';
  return context.lang === 'en' && symbol !== '%' ? ` ${symbol}` : symbol;
}

/** 1234567.891 -> "1,234,567.891" (at most 4 decimals); toLocaleString is too slow for millions of results. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
  if (fixed.includes('e')) return fixed;
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function list(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** The requirement alone, e.g. "≥ 350 m²", "20 m² per 100 households × 1,234 = 246.8 m²". */
export function describeRequirement(expected: Requirement, context: ReportContext): string {
  const zh = context.lang === 'zh';
  const unit = unitText(context, expected.unit);
  const parts: string[] = [];
  if (expected.min !== undefined && expected.max !== undefined) parts.push(`${formatNumber(expected.min)}–${formatNumber(expected.max)}${unit}`);
  else if (expected.min !== undefined) parts.push(`≥ ${formatNumber(expected.min)}${unit}`);
  else if (expected.max !== undefined) parts.push(`≤ ${formatNumber(expected.max)}${unit}`);
  if (expected.equals !== undefined) parts.push(expected.equals ? (zh ? '是' : 'yes') : zh ? '否' : 'no');
  if (expected.items) parts.push(list(expected.items, context.lang));
  if (expected.groups) parts.push(expected.groups.map((g) => `${g.name[context.lang]} ≥ ${g.min}`).join(zh ? '，' : ', '));
  if (expected.pattern) parts.push(`/${expected.pattern}/`);
  const basis = expected.basis;
  if (basis && 'per_field' in basis && !Number.isNaN(basis.base)) {
    const perUnit = unitText(context, context.dictionary.fields.get(basis.per_field)?.unit);
    parts.push(
      zh
        ? `（每${formatNumber(basis.per)}${perUnit}${formatNumber(basis.amount)}${unit} × ${formatNumber(basis.base)}${perUnit}）`
        : `(${formatNumber(basis.amount)}${unit} per ${formatNumber(basis.per)}${perUnit} × ${formatNumber(basis.base)}${perUnit})`,
    );
  } else if (basis && 'by' in basis) {
    const band = [basis.tier.from !== undefined ? `≥ ${formatNumber(basis.tier.from)}` : '', basis.tier.below !== undefined ? `< ${formatNumber(basis.tier.below)}` : ''].filter(Boolean).join(' ');
    parts.push(zh ? `（${label(context, basis.by)} ${formatNumber(basis.value)}，档位 ${band}）` : `(${label(context, basis.by)} ${formatNumber(basis.value)}, band ${band})`);
  }
  return parts.join(' ');
}

export function describeActual(actual: unknown, context: ReportContext, unit?: string): string {
  const zh = context.lang === 'zh';
  if (actual === null || actual === undefined) return '—';
  if (typeof actual === 'number') return `${formatNumber(actual)}${unitText(context, unit)}`;
  if (typeof actual === 'boolean') return actual ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
  if (Array.isArray(actual)) return actual.length === 0 ? (zh ? '（空）' : '(none)') : list(actual.map(String), context.lang);
  if (typeof actual === 'object') {
    const data = actual as Record<string, unknown>;
    if ('share' in data) return `${formatNumber(Number(data.share))}% (${String(data.passed)}/${String(data.total)})`;
    if ('mean' in data) return data.mean === null ? '—' : `${formatNumber(Number(data.mean))}${unitText(context, unit)} (n=${String(data.known)})`;
    return JSON.stringify(actual);
  }
  return String(actual);
}

/** One sentence: what was found, what is required and how far off it is. */
export function describeResult(result: Result, context: ReportContext): string {
  const zh = context.lang === 'zh';
  const reason = result.reason;
  const unit = result.expected.unit;
  const field = result.fields[0] ?? '';
  const requirement = describeRequirement(result.expected, context);
  const actual = describeActual(result.actual, context, unit);
  const gap = result.gap === null ? '' : `${formatNumber(result.gap)}${unitText(context, unit === 'percent' ? 'percent' : unit)}`;
  switch (reason.type) {
    case 'ok':
      return zh ? `${label(context, field)}：${actual}，要求 ${requirement}` : `${label(context, field)}: ${actual}; requires ${requirement}`;
    case 'missing':
      return zh ? `缺少数据：${list(reason.fields.map((f) => label(context, f)), 'zh')}` : `missing data: ${list(reason.fields.map((f) => label(context, f)), 'en')}`;
    case 'unparseable':
      return zh
        ? `无法识别${label(context, reason.field)}的值 “${reason.raw}”${reason.problem === 'out-of-range' ? '（超出合理范围）' : ''}`
        : `cannot read ${label(context, reason.field)} value "${reason.raw}"${reason.problem === 'out-of-range' ? ' (out of plausible range)' : ''}`;
    case 'out-of-scope':
      return zh ? `不适用：${label(context, reason.field)}为 ${reason.value}` : `not applicable: ${label(context, reason.field)} is ${reason.value}`;
    case 'below-min':
      return zh
        ? `${label(context, field)} ${actual}，要求 ${requirement}，差 ${gap}`
        : `${label(context, field)} is ${actual}; requires ${requirement}; short by ${gap}`;
    case 'above-max':
      return zh
        ? `${label(context, field)} ${actual}，要求 ${requirement}，超出 ${gap}`
        : `${label(context, field)} is ${actual}; requires ${requirement}; over by ${gap}`;
    case 'not-expected':
      return zh ? `${label(context, field)}：${actual}，要求：${reason.expected ? '是' : '否'}` : `${label(context, field)}: ${actual}; required: ${reason.expected ? 'yes' : 'no'}`;
    case 'missing-items':
      return zh ? `${label(context, field)}缺少：${list(reason.items, 'zh')}` : `${label(context, field)} lacks: ${list(reason.items, 'en')}`;
    case 'group-short':
      return zh
        ? `${label(context, field)}不足：${reason.groups.map((g) => `${g.name.zh} ${g.have}/${g.need}`).join('，')}`
        : `${label(context, field)} short: ${reason.groups.map((g) => `${g.name.en} ${g.have}/${g.need}`).join(', ')}`;
    case 'no-match':
      return zh ? `${label(context, field)} “${actual}” 不符合格式 ${requirement}` : `${label(context, field)} "${actual}" does not match ${requirement}`;
    case 'no-tier':
      return zh ? '不适用：不在任何档位内' : 'not applicable: in no band';
    case 'no-records':
      return zh ? '不适用：没有适用的记录' : 'not applicable: no records in scope';
    case 'share-undecided':
    case 'mean-undecided':
      return zh
        ? `${actual}，要求 ${requirement}；${reason.unknown} 条记录数据缺失，无法判断`
        : `${actual}; requires ${requirement}; ${reason.unknown} record(s) lack data, cannot decide`;
  }
}

export function statusWord(result: Result, lang: Lang): string {
  return STATUS_WORDS[result.status][lang];
}
