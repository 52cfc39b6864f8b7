// What the report formats of `check` print around the data: titles, headings, column heads, marks and
// the sentences around counts. Every entry is { zh, en }: a string, or a function of the values the
// text holds (already formatted), so word order and punctuation stay with each language.
import type { Lang } from '../model.js';

/** A catalogue: each entry a text or a template, in both languages. */
export type Catalogue = Record<string, Record<Lang, string | ((...values: never[]) => string)>>;

/** The counts a run's closing line states (the engine's Summary has this shape). */
export interface RunCounts {
  records: number;
  as_of: string;
  results: { pass: number; fail: number; unknown: number; not_applicable: number };
  warnings: number;
  not_yet_due: number;
}

/** Text more than one format prints. */
export const REPORT_TEXT = {
  title: { zh: '达标检查报告', en: 'Compliance report' },
  verdictPass: { zh: '达标', en: 'PASS' },
  verdictFail: {
    zh: (fail: number, unknown: number) => `不达标：${fail} 项必须条款不通过，${unknown} 项无法判断`,
    en: (fail: number, unknown: number) => `FAIL: ${fail} required rule result(s) failed, ${unknown} could not be judged`,
  },
  /** The table's last line, also under the Markdown report's title. */
  closingLine: {
    zh: (c: RunCounts, verdict: string) =>
      `${c.records} 条记录（截至 ${c.as_of}）：通过 ${c.results.pass}，不通过 ${c.results.fail}，无法判断 ${c.results.unknown}，不适用 ${c.results.not_applicable}；警告 ${c.warnings}，未到期 ${c.not_yet_due}。${verdict}`,
    en: (c: RunCounts, verdict: string) =>
      `${c.records} record(s) as of ${c.as_of}: ${c.results.pass} pass, ${c.results.fail} fail, ${c.results.unknown} unknown, ${c.results.not_applicable} n/a; ${c.warnings} warning(s), ${c.not_yet_due} not yet due. ${verdict}`,
  },
  /** After a status whose target is not yet due (HTML, Markdown). */
  notDueMark: { zh: '（未到期）', en: ' (not yet due)' },
  /** After the status of a guidance rule (HTML, Markdown). */
  guidanceMark: { zh: '（指导）', en: ' (guidance)' },
  /** After a text cut short, naming its full length. */
  clippedCharacters: { zh: (count: number) => `…（共 ${count} 字符）`, en: (count: number) => `… (${count} characters)` },
  /** After a list cut short, naming how many entries it has. */
  clippedEntries: { zh: (count: number) => `…（共 ${count} 项）`, en: (count: number) => `… (${count} entries)` },
} as const satisfies Catalogue;

export const TABLE_TEXT = {
  /** Where a record of a worksheet is, after the file and sheet. */
  sheetRow: { zh: (line: number | null) => `第${line}行`, en: (line: number | null) => `row ${line}` },
  moreRecordsNotListed: {
    zh: (count: number) => `另有 ${count} 条记录存在问题未在此列出（--max-records 0 显示全部，或用 --format json）。`,
    en: (count: number) => `${count} more record(s) with problems not listed here (--max-records 0 shows all, or use --format json).`,
  },
} as const satisfies Catalogue;

export const HTML_TEXT = {
  /** The page's language tag (<html lang>), for fonts and screen readers. */
  langTag: { zh: 'zh-CN', en: 'en' },
  failuresByRecord: { zh: '不通过与无法判断（按记录）', en: 'Failures and unknowns by record' },
  actual: { zh: '实际值', en: 'Actual' },
  requirement: { zh: '要求', en: 'Requirement' },
  gap: { zh: '差距', en: 'Gap' },
  moreNotListed: {
    zh: (count: number) => `另有 ${count} 项未列出，完整结果见 JSON 报告。`,
    en: (count: number) => `${count} more not listed here; the JSON report has all of them.`,
  },
  verdictFail: {
    zh: (fail: number, unknown: number) => `不达标：${fail} 项必须条款不通过，${unknown} 项无法判断`,
    en: (fail: number, unknown: number) => `FAIL: ${fail} required result(s) failed, ${unknown} could not be judged`,
  },
  asOf: {
    zh: (asOf: string, records: number) => `截至 ${asOf}，共 ${records} 条记录。`,
    en: (asOf: string, records: number) => `As of ${asOf}, ${records} record(s).`,
  },
  warnings: { zh: '警告', en: 'warnings' },
  passRatePerStandard: { zh: '各标准通过率', en: 'Pass rate per standard' },
  passRateLegend: { zh: '（通过率 = 通过 ÷（通过 + 不通过 + 无法判断））', en: '(pass rate = pass ÷ (pass + fail + unknown))' },
  passRatePerRule: { zh: '各规则通过率', en: 'Pass rate per rule' },
  filter: { zh: '筛选', en: 'Filter' },
  /** The filter choice that shows every value. */
  all: { zh: '全部', en: 'all' },
  /** `count` is markup: the number the filter script updates. */
  showing: { zh: (count: string) => `显示 ${count} 项`, en: (count: string) => `showing ${count} result(s)` },
} as const satisfies Catalogue;

export const MARKDOWN_TEXT = {
  asOf: {
    zh: (asOf: string, records: number) => `截至 ${asOf}，${records} 条记录。`,
    en: (asOf: string, records: number) => `As of ${asOf}, ${records} record(s).`,
  },
  failures: { zh: '不通过与无法判断', en: 'Failures and unknowns' },
  none: { zh: '无。', en: 'None.' },
  where: { zh: '位置', en: 'Where' },
  moreNotListed: {
    zh: (count: number) => `另有 ${count} 项未列出，完整结果见 JSON 报告。`,
    en: (count: number) => `${count} more not listed; see the JSON report for all of them.`,
  },
} as const satisfies Catalogue;

export const JUNIT_TEXT = {
  /** A test case of an aggregate result for one region. */
  region: { zh: (group: string) => `区域 ${group}`, en: (group: string) => `region ${group}` },
  /** Before the message of a skipped test case. */
  skippedNotDue: { zh: '未到期：', en: 'not yet due: ' },
  skippedGuidance: { zh: '指导性条款：', en: 'guidance: ' },
} as const satisfies Catalogue;

export const SARIF_TEXT = {
  clause: {
    zh: (document: string, section: string) => `依据: ${document} — ${section}`,
    en: (document: string, section: string) => `Clause: ${document} — ${section}`,
  },
  interpretation: { zh: (text: string) => `解读: ${text}`, en: (text: string) => `Interpretation: ${text}` },
} as const satisfies Catalogue;

export const CSV_HEADERS = {
  zh: ['编号', '名称', '区域', '文件', '行', '工作表', '单元格', '标准', '规则', '规则名称', '状态', '级别', '是否到期', '期限', '实际值', '要求', '差距', '说明', '条款', '原文'],
  en: ['record', 'name', 'group', 'file', 'line', 'sheet', 'cell', 'standard', 'rule', 'title', 'status', 'severity', 'due', 'deadline', 'actual', 'requirement', 'gap', 'message', 'section', 'quote'],
} as const satisfies Record<Lang, readonly string[]>;
