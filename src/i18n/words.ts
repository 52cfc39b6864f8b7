// Words reports print, in both languages.
import type { Lang, Severity, Status, Verdict } from '../model.js';

export const STATUS_WORDS = {
  pass: { zh: '通过', en: 'pass' },
  fail: { zh: '不通过', en: 'fail' },
  unknown: { zh: '无法判断', en: 'unknown' },
  not_applicable: { zh: '不适用', en: 'n/a' },
  waived: { zh: '已豁免', en: 'waived' },
} as const satisfies Record<Status, Record<Lang, string>>;

export const VERDICT_WORDS = {
  compliant: { zh: '达标', en: 'compliant' },
  non_compliant: { zh: '不达标', en: 'non-compliant' },
  undetermined: { zh: '无法判定', en: 'undetermined' },
  not_applicable: { zh: '不适用', en: 'n/a' },
} as const satisfies Record<Verdict, Record<Lang, string>>;

/** Verdicts in the order reports count them. */
export const VERDICT_ORDER: readonly Verdict[] = ['compliant', 'non_compliant', 'undetermined', 'not_applicable'];

export const SEVERITY_WORDS = {
  required: { zh: '必须', en: 'required' },
  guidance: { zh: '指导', en: 'guidance' },
} as const satisfies Record<Severity, Record<Lang, string>>;

/** Marks a rule whose requirement is this project's reading of the text, not the text's own words. */
export const INTERPRETED_MARK = { zh: '（解读）', en: ' (interpretation)' } as const satisfies Record<Lang, string>;

/** A rule's title as reports print it: an interpreted requirement says so wherever it appears. */
export function ruleTitle(rule: { title: Record<Lang, string>; interpreted?: boolean }, lang: Lang): string {
  return rule.interpreted ? `${rule.title[lang]}${INTERPRETED_MARK[lang]}` : rule.title[lang];
}

export const WORDS = {
  standard: { zh: '标准', en: 'Standard' },
  rule: { zh: '规则', en: 'Rule' },
  status: { zh: '状态', en: 'Status' },
  detail: { zh: '说明', en: 'Detail' },
  clause: { zh: '依据条款', en: 'Clause' },
  record: { zh: '记录', en: 'Record' },
  recordId: { zh: '编号', en: 'id' },
  verdict: { zh: '判定', en: 'verdict' },
  group: { zh: '区域', en: 'Region' },
  allRecords: { zh: '全部记录', en: 'all records' },
  rules: { zh: '规则数', en: 'Rules' },
  passRate: { zh: '通过率', en: 'Pass rate' },
  compliant: { zh: '达标记录', en: 'Compliant records' },
  notDue: { zh: '未到期', en: 'not yet due' },
  dueBy: { zh: '期限', en: 'due' },
  warning: { zh: '警告', en: 'warning' },
  aggregates: { zh: '区域汇总指标', en: 'Aggregate targets' },
  summary: { zh: '汇总', en: 'Summary' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  /** Before the bounds of a count of list entries. */
  entries: { zh: '条目数', en: 'entries' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Punctuation between a label and its text, and between the entries of a list, in each language. */
export const PUNCTUATION = {
  colon: { zh: '：', en: ': ' },
  listSeparator: { zh: '、', en: ', ' },
} as const satisfies Record<string, Record<Lang, string>>;
