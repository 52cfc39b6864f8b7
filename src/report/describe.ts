// Render a result's reason (data) as one sentence in the chosen language.
import type { Requirement, Result } from '../model.js';
import { boundsText, fieldLabel, formatNumber, listText, unitText } from '../i18n/quantities.js';
import type { ReportContext } from './context.js';
import { clipList, clipRaw, clipText, MESSAGE_LIMIT } from './clip.js';

/** The requirement alone, e.g. "≥ 350 m²", "20 m² per 100 households × 1,234 = 246.8 m²". */
export function describeRequirement(expected: Requirement, context: ReportContext): string {
  const zh = context.lang === 'zh';
  const unit = unitText(context, expected.unit);
  const parts: string[] = [];
  const bounds = boundsText(expected.min, expected.max, expected.count ? '' : unit);
  if (bounds) parts.push(expected.count ? `${zh ? '条目数' : 'entries'} ${bounds}` : bounds);
  if (expected.of) parts.push(`(${clipList(expected.of, context.lang)})`);
  if (expected.equals !== undefined) parts.push(expected.equals ? (zh ? '是' : 'yes') : zh ? '否' : 'no');
  if (expected.items) parts.push(clipList(expected.items, context.lang));
  if (expected.groups) parts.push(expected.groups.map((g) => `${g.name[context.lang]} ≥ ${g.min}`).join(zh ? '，' : ', '));
  if (expected.pattern) parts.push(`/${clipText(expected.pattern, context.lang)}/`);
  const basis = expected.basis;
  if (basis && 'per_field' in basis && !Number.isNaN(basis.base)) {
    const perUnit = unitText(context, context.dictionary.fields.get(basis.per_field)?.unit);
    parts.push(
      zh
        ? `（每${formatNumber(basis.per)}${perUnit}${formatNumber(basis.amount)}${unit} × ${formatNumber(basis.base)}${perUnit}）`
        : `(${formatNumber(basis.amount)}${unit} per ${formatNumber(basis.per)}${perUnit} × ${formatNumber(basis.base)}${perUnit})`,
    );
  } else if (basis && 'other' in basis && !Number.isNaN(basis.value)) {
    parts.push(zh ? `（${fieldLabel(context, basis.other)}）` : `(${fieldLabel(context, basis.other)})`);
  } else if (basis && 'by' in basis) {
    const band = [basis.tier.from !== undefined ? `≥ ${formatNumber(basis.tier.from)}` : '', basis.tier.below !== undefined ? `< ${formatNumber(basis.tier.below)}` : ''].filter(Boolean).join(' ');
    parts.push(zh ? `（${fieldLabel(context, basis.by)} ${formatNumber(basis.value)}，档位 ${band}）` : `(${fieldLabel(context, basis.by)} ${formatNumber(basis.value)}, band ${band})`);
  }
  return parts.join(' ');
}

/** A value as reports show it; text and lists are cut (see clip.ts), so a huge cell stays one line's worth. */
export function describeActual(actual: unknown, context: ReportContext, unit?: string): string {
  const zh = context.lang === 'zh';
  if (actual === null || actual === undefined) return '—';
  if (typeof actual === 'number') return `${formatNumber(actual)}${unitText(context, unit)}`;
  if (typeof actual === 'boolean') return actual ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
  if (Array.isArray(actual)) return actual.length === 0 ? (zh ? '（空）' : '(none)') : clipList(actual.map(String), context.lang);
  if (typeof actual === 'object') {
    const data = actual as Record<string, unknown>;
    if ('share' in data) return `${formatNumber(Number(data.share))}% (${String(data.passed)}/${String(data.total)})`;
    if ('mean' in data) return data.mean === null ? '—' : `${formatNumber(Number(data.mean))}${unitText(context, unit)} (n=${String(data.known)})`;
    return clipText(JSON.stringify(actual), context.lang);
  }
  return clipText(String(actual), context.lang);
}


/** A scope code as people say it: village -> 村, true -> 是. */
function codeText(context: ReportContext, field: string, code: string): string {
  const def = context.dictionary.fields.get(field);
  if (def?.type === 'boolean') return describeActual(code === 'true', context);
  return def?.values?.[code]?.[context.lang] ?? clipText(code, context.lang);
}

/** One sentence: what was found, what is required and how far off it is, and any unit conversion. */
export function describeResult(result: Result, context: ReportContext): string {
  return clipText(describeWhole(result, context), context.lang, MESSAGE_LIMIT);
}

function describeWhole(result: Result, context: ReportContext): string {
  const sentence = describeOutcome(result, context);
  if (!result.conversions) return sentence;
  const notes = result.conversions.map((c) => {
    const unit = unitText(context, context.dictionary.fields.get(c.field)?.unit);
    const raw = clipRaw(c.raw, context.lang);
    return context.lang === 'zh' ? `“${raw}”按 1${c.from} = ${formatNumber(c.factor)}${unit} 折算` : `"${raw}" converted at 1 ${c.from} = ${formatNumber(c.factor)}${unit}`;
  });
  return context.lang === 'zh' ? `${sentence}（${notes.join('；')}）` : `${sentence} (${notes.join('; ')})`;
}

function describeOutcome(result: Result, context: ReportContext): string {
  const zh = context.lang === 'zh';
  const reason = result.reason;
  const unit = result.expected.unit;
  const field = result.fields[0] ?? '';
  const requirement = describeRequirement(result.expected, context);
  const actual = describeActual(result.actual, context, unit);
  const gap = result.gap === null ? '' : `${formatNumber(result.gap)}${unitText(context, unit === 'percent' ? 'percent' : unit)}`;
  switch (reason.type) {
    case 'ok':
      return zh ? `${fieldLabel(context, field)}：${actual}，要求 ${requirement}` : `${fieldLabel(context, field)}: ${actual}; requires ${requirement}`;
    case 'missing':
      return zh ? `缺少数据：${listText(reason.fields.map((f) => fieldLabel(context, f)), 'zh')}` : `missing data: ${listText(reason.fields.map((f) => fieldLabel(context, f)), 'en')}`;
    case 'unparseable':
      return zh
        ? `无法识别${fieldLabel(context, reason.field)}的值 “${clipRaw(reason.raw, context.lang)}”${reason.problem === 'out-of-range' ? '（超出合理范围）' : ''}`
        : `cannot read ${fieldLabel(context, reason.field)} value "${clipRaw(reason.raw, context.lang)}"${reason.problem === 'out-of-range' ? ' (out of plausible range)' : ''}`;
    case 'out-of-scope': {
      const value = codeText(context, reason.field, reason.value);
      return zh ? `不适用：${fieldLabel(context, reason.field)}为 ${value}` : `not applicable: ${fieldLabel(context, reason.field)} is ${value}`;
    }
    case 'below-min':
      return zh
        ? `${fieldLabel(context, field)} ${actual}，要求 ${requirement}，差 ${gap}`
        : `${fieldLabel(context, field)} is ${actual}; requires ${requirement}; short by ${gap}`;
    case 'above-max':
      return zh
        ? `${fieldLabel(context, field)} ${actual}，要求 ${requirement}，超出 ${gap}`
        : `${fieldLabel(context, field)} is ${actual}; requires ${requirement}; over by ${gap}`;
    case 'not-expected':
      return zh ? `${fieldLabel(context, field)}：${actual}，要求：${reason.expected ? '是' : '否'}` : `${fieldLabel(context, field)}: ${actual}; required: ${reason.expected ? 'yes' : 'no'}`;
    case 'missing-items':
      return zh ? `${fieldLabel(context, field)}缺少：${clipList(reason.items, 'zh')}` : `${fieldLabel(context, field)} lacks: ${clipList(reason.items, 'en')}`;
    case 'group-short':
      return zh
        ? `${fieldLabel(context, field)}不足：${reason.groups.map((g) => `${g.name.zh} ${g.have}/${g.need}`).join('，')}`
        : `${fieldLabel(context, field)} short: ${reason.groups.map((g) => `${g.name.en} ${g.have}/${g.need}`).join(', ')}`;
    case 'no-match':
      return zh ? `${fieldLabel(context, field)} “${actual}” 不符合格式 ${requirement}` : `${fieldLabel(context, field)} "${actual}" does not match ${requirement}`;
    case 'other-year': {
      const target = reason.target.from === reason.target.to ? `${reason.target.from}` : `${reason.target.from}–${reason.target.to}`;
      return zh ? `不适用：该指标针对 ${target} 年度的数据，本记录为 ${reason.year} 年度` : `not applicable: the target is for ${target} data; this record is for ${reason.year}`;
    }
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

