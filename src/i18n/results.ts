// The sentence that explains one result, keyed by the reason the engine gives, and the pieces of a
// requirement as reports state it. Callers pass the pieces already formatted and cut to size (field
// labels, values with units, requirements, lists; see src/report/describe.ts); the sentences own word
// order and punctuation.
import type { Reason } from '../model.js';
import type { Catalogue } from './report-text.js';

/** A finding about one field: its label, its value and what is required. */
interface FieldFinding {
  field: string;
  actual: string;
  requirement: string;
}

const undecided = {
  zh: (p: { actual: string; requirement: string; unknown: number }) => `${p.actual}，要求 ${p.requirement}；${p.unknown} 条记录数据缺失，无法判断`,
  en: (p: { actual: string; requirement: string; unknown: number }) => `${p.actual}; requires ${p.requirement}; ${p.unknown} record(s) lack data, cannot decide`,
};

export const OUTCOMES = {
  ok: {
    zh: (p: FieldFinding) => `${p.field}：${p.actual}，要求 ${p.requirement}`,
    en: (p: FieldFinding) => `${p.field}: ${p.actual}; requires ${p.requirement}`,
  },
  /** `fields`: the labels of the missing fields, as a list. */
  missing: { zh: (fields: string) => `缺少数据：${fields}`, en: (fields: string) => `missing data: ${fields}` },
  unparseable: {
    zh: (p: { field: string; raw: string; outOfRange: boolean }) => `无法识别${p.field}的值 “${p.raw}”${p.outOfRange ? '（超出合理范围）' : ''}`,
    en: (p: { field: string; raw: string; outOfRange: boolean }) => `cannot read ${p.field} value "${p.raw}"${p.outOfRange ? ' (out of plausible range)' : ''}`,
  },
  'out-of-scope': {
    zh: (p: { field: string; value: string }) => `不适用：${p.field}为 ${p.value}`,
    en: (p: { field: string; value: string }) => `not applicable: ${p.field} is ${p.value}`,
  },
  'below-min': {
    zh: (p: FieldFinding & { gap: string }) => `${p.field} ${p.actual}，要求 ${p.requirement}，差 ${p.gap}`,
    en: (p: FieldFinding & { gap: string }) => `${p.field} is ${p.actual}; requires ${p.requirement}; short by ${p.gap}`,
  },
  'above-max': {
    zh: (p: FieldFinding & { gap: string }) => `${p.field} ${p.actual}，要求 ${p.requirement}，超出 ${p.gap}`,
    en: (p: FieldFinding & { gap: string }) => `${p.field} is ${p.actual}; requires ${p.requirement}; over by ${p.gap}`,
  },
  /** `expected`: the yes or no required. */
  'not-expected': {
    zh: (p: { field: string; actual: string; expected: string }) => `${p.field}：${p.actual}，要求：${p.expected}`,
    en: (p: { field: string; actual: string; expected: string }) => `${p.field}: ${p.actual}; required: ${p.expected}`,
  },
  'missing-items': {
    zh: (p: { field: string; items: string }) => `${p.field}缺少：${p.items}`,
    en: (p: { field: string; items: string }) => `${p.field} lacks: ${p.items}`,
  },
  'group-short': {
    zh: (p: { field: string; groups: readonly { name: string; have: number; need: number }[] }) => `${p.field}不足：${p.groups.map((g) => `${g.name} ${g.have}/${g.need}`).join('，')}`,
    en: (p: { field: string; groups: readonly { name: string; have: number; need: number }[] }) => `${p.field} short: ${p.groups.map((g) => `${g.name} ${g.have}/${g.need}`).join(', ')}`,
  },
  'no-match': {
    zh: (p: { field: string; actual: string; requirement: string }) => `${p.field} “${p.actual}” 不符合格式 ${p.requirement}`,
    en: (p: { field: string; actual: string; requirement: string }) => `${p.field} "${p.actual}" does not match ${p.requirement}`,
  },
  /** `target`: the year or years the target is for. */
  'other-year': {
    zh: (p: { target: string; year: number }) => `不适用：该指标针对 ${p.target} 年度的数据，本记录为 ${p.year} 年度`,
    en: (p: { target: string; year: number }) => `not applicable: the target is for ${p.target} data; this record is for ${p.year}`,
  },
  'no-tier': { zh: '不适用：不在任何档位内', en: 'not applicable: in no band' },
  'no-records': { zh: '不适用：没有适用的记录', en: 'not applicable: no records in scope' },
  'share-undecided': undecided,
  'mean-undecided': undecided,
} as const satisfies Catalogue & Record<Reason['type'], unknown>;

export const RESULT_TEXT = {
  /** An empty list as a value. */
  none: { zh: '（空）', en: '(none)' },
  /** Minimum entries per group of a checklist. */
  groupMinimums: {
    zh: (groups: readonly { name: string; min: number }[]) => groups.map((g) => `${g.name} ≥ ${g.min}`).join('，'),
    en: (groups: readonly { name: string; min: number }[]) => groups.map((g) => `${g.name} ≥ ${g.min}`).join(', '),
  },
  /** A figure per so many of another: "（每100户20平方米 × 1,234户）". */
  perBasis: {
    zh: (p: { per: string; perUnit: string; amount: string; unit: string; base: string }) => `（每${p.per}${p.perUnit}${p.amount}${p.unit} × ${p.base}${p.perUnit}）`,
    en: (p: { per: string; perUnit: string; amount: string; unit: string; base: string }) => `(${p.amount}${p.unit} per ${p.per}${p.perUnit} × ${p.base}${p.perUnit})`,
  },
  /** A bound taken from another field. */
  otherBasis: { zh: (field: string) => `（${field}）`, en: (field: string) => `(${field})` },
  /** The band of a tiered requirement that applied. */
  tierBasis: {
    zh: (p: { field: string; value: string; band: string }) => `（${p.field} ${p.value}，档位 ${p.band}）`,
    en: (p: { field: string; value: string; band: string }) => `(${p.field} ${p.value}, band ${p.band})`,
  },
  /** A value read in another unit and converted. */
  conversion: {
    zh: (p: { raw: string; from: string; factor: string; unit: string }) => `“${p.raw}”按 1${p.from} = ${p.factor}${p.unit} 折算`,
    en: (p: { raw: string; from: string; factor: string; unit: string }) => `"${p.raw}" converted at 1 ${p.from} = ${p.factor}${p.unit}`,
  },
  withConversions: {
    zh: (sentence: string, notes: readonly string[]) => `${sentence}（${notes.join('；')}）`,
    en: (sentence: string, notes: readonly string[]) => `${sentence} (${notes.join('; ')})`,
  },
} as const satisfies Catalogue;
