// Render a result's reason (data) as one sentence in the chosen language: the pieces (labels, values
// with units, requirements) are formatted and cut to size here, where the report's bounds (clip.ts)
// are; the sentences around them are the catalogue's (src/i18n/results.ts).
import type { Requirement, Result } from '../model.js';
import { boundsText, fieldLabel, formatNumber, listText, unitText } from '../i18n/quantities.js';
import { OUTCOMES, RESULT_TEXT } from '../i18n/results.js';
import { WORDS } from '../i18n/words.js';
import type { ReportContext } from './context.js';
import { clipList, clipRaw, clipText, MESSAGE_LIMIT } from './clip.js';

/** The requirement alone, e.g. "≥ 350 m²", "20 m² per 100 households × 1,234 = 246.8 m²". */
export function describeRequirement(expected: Requirement, context: ReportContext): string {
  const lang = context.lang;
  const unit = unitText(context, expected.unit);
  const parts: string[] = [];
  const bounds = boundsText(expected.min, expected.max, expected.count ? '' : unit);
  if (bounds) parts.push(expected.count ? `${WORDS.entries[lang]} ${bounds}` : bounds);
  if (expected.of) parts.push(`(${clipList(expected.of, lang)})`);
  if (expected.equals !== undefined) parts.push(WORDS[expected.equals ? 'yes' : 'no'][lang]);
  if (expected.items) parts.push(clipList(expected.items, lang));
  if (expected.groups) parts.push(RESULT_TEXT.groupMinimums[lang](expected.groups.map((g) => ({ name: g.name[lang], min: g.min }))));
  if (expected.pattern) parts.push(`/${clipText(expected.pattern, lang)}/`);
  const basis = expected.basis;
  if (basis && 'per_field' in basis && !Number.isNaN(basis.base)) {
    const perUnit = unitText(context, context.dictionary.fields.get(basis.per_field)?.unit);
    parts.push(RESULT_TEXT.perBasis[lang]({ per: formatNumber(basis.per), perUnit, amount: formatNumber(basis.amount), unit, base: formatNumber(basis.base) }));
  } else if (basis && 'other' in basis && !Number.isNaN(basis.value)) {
    parts.push(RESULT_TEXT.otherBasis[lang](fieldLabel(context, basis.other)));
  } else if (basis && 'by' in basis) {
    const band = [basis.tier.from !== undefined ? `≥ ${formatNumber(basis.tier.from)}` : '', basis.tier.below !== undefined ? `< ${formatNumber(basis.tier.below)}` : ''].filter(Boolean).join(' ');
    parts.push(RESULT_TEXT.tierBasis[lang]({ field: fieldLabel(context, basis.by), value: formatNumber(basis.value), band }));
  }
  return parts.join(' ');
}

/** A value as reports show it; text and lists are cut (see clip.ts), so a huge cell stays one line's worth. */
export function describeActual(actual: unknown, context: ReportContext, unit?: string): string {
  if (actual === null || actual === undefined) return '—';
  if (typeof actual === 'number') return `${formatNumber(actual)}${unitText(context, unit)}`;
  if (typeof actual === 'boolean') return WORDS[actual ? 'yes' : 'no'][context.lang];
  if (Array.isArray(actual)) return actual.length === 0 ? RESULT_TEXT.none[context.lang] : clipList(actual.map(String), context.lang);
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
  const lang = context.lang;
  const notes = result.conversions.map((c) => {
    const unit = unitText(context, context.dictionary.fields.get(c.field)?.unit);
    return RESULT_TEXT.conversion[lang]({ raw: clipRaw(c.raw, lang), from: c.from, factor: formatNumber(c.factor), unit });
  });
  return RESULT_TEXT.withConversions[lang](sentence, notes);
}

function describeOutcome(result: Result, context: ReportContext): string {
  const lang = context.lang;
  const reason = result.reason;
  const unit = result.expected.unit;
  const field = fieldLabel(context, result.fields[0] ?? '');
  const requirement = describeRequirement(result.expected, context);
  const actual = describeActual(result.actual, context, unit);
  const gap = result.gap === null ? '' : `${formatNumber(result.gap)}${unitText(context, unit === 'percent' ? 'percent' : unit)}`;
  switch (reason.type) {
    case 'ok':
      return OUTCOMES.ok[lang]({ field, actual, requirement });
    case 'missing':
      return OUTCOMES.missing[lang](listText(reason.fields.map((f) => fieldLabel(context, f)), lang));
    case 'unparseable':
      return OUTCOMES.unparseable[lang]({ field: fieldLabel(context, reason.field), raw: clipRaw(reason.raw, lang), outOfRange: reason.problem === 'out-of-range' });
    case 'out-of-scope':
      return OUTCOMES['out-of-scope'][lang]({ field: fieldLabel(context, reason.field), value: codeText(context, reason.field, reason.value) });
    case 'below-min':
      return OUTCOMES['below-min'][lang]({ field, actual, requirement, gap });
    case 'above-max':
      return OUTCOMES['above-max'][lang]({ field, actual, requirement, gap });
    case 'not-expected':
      return OUTCOMES['not-expected'][lang]({ field, actual, expected: WORDS[reason.expected ? 'yes' : 'no'][lang] });
    case 'missing-items':
      return OUTCOMES['missing-items'][lang]({ field, items: clipList(reason.items, lang) });
    case 'group-short':
      return OUTCOMES['group-short'][lang]({ field, groups: reason.groups.map((g) => ({ name: g.name[lang], have: g.have, need: g.need })) });
    case 'no-match':
      return OUTCOMES['no-match'][lang]({ field, actual, requirement });
    case 'other-year': {
      const target = reason.target.from === reason.target.to ? `${reason.target.from}` : `${reason.target.from}–${reason.target.to}`;
      return OUTCOMES['other-year'][lang]({ target, year: reason.year });
    }
    case 'no-tier':
    case 'no-records':
      return OUTCOMES[reason.type][lang];
    case 'share-undecided':
    case 'mean-undecided':
      return OUTCOMES[reason.type][lang]({ actual, requirement, unknown: reason.unknown });
  }
}
