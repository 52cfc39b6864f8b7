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

/** Rules a survey cannot feed: told once, at the top of every human report and once per machine report. */
export const COVERAGE_TEXT = {
  /** Heading line: how many rules no input could judge, and the columns that would feed them. */
  summary: {
    zh: (rules: number, columns: string) => `本调查表未覆盖 ${rules} 条规则，缺少数据列：${columns}`,
    en: (rules: number, columns: string) => `The survey does not cover ${rules} rule(s): no column for ${columns}`,
  },
  /** One rule: the columns it lacks (in SARIF, GitHub and JUnit, and beside its bar). */
  rule: {
    zh: (columns: string) => `调查表缺少数据列 ${columns}，无法判断此规则`,
    en: (columns: string) => `the survey has no column for ${columns}: this rule cannot be judged`,
  },
  /** Instead of a pass-rate bar for a rule nothing fed. */
  notCovered: { zh: '未覆盖（缺少数据列）', en: 'not covered (column missing)' },
  /** After the first few columns when there are more. */
  more: { zh: (count: number) => ` 等共 ${count} 列`, en: (count: number) => ` and more (${count} in all)` },
} as const satisfies Catalogue;

/** What the human reports lead with: verdicts by region, by record, and what each record must fix. */
export const ACCEPTANCE_TEXT = {
  rollUp: { zh: '汇总：各区域达标情况', en: 'Roll-up by region' },
  recordVerdicts: { zh: '各记录判定', en: 'Verdict per record' },
  toFix: { zh: '需整改事项（不达标与无法判定的记录）', en: 'What each record must fix (non-compliant and undetermined)' },
  guidanceApart: { zh: '指导性条款与未到期目标（不影响判定）', en: 'Guidance and targets not yet due (do not change the verdict)' },
  waived: { zh: '已豁免', en: 'Waived' },
  /** A region cell for records that name none. */
  noRegion: { zh: '（未填区域）', en: '(no region)' },
  records: { zh: '记录数', en: 'Records' },
  name: { zh: '名称', en: 'Name' },
  sheetTitle: { zh: '验收表', en: 'Acceptance sheet' },
  /** The signature block of a printed acceptance sheet. */
  inspector: { zh: '验收人', en: 'Inspector' },
  date: { zh: '日期', en: 'Date' },
  opinion: { zh: '意见', en: 'Opinion' },
  /** A waiver as reports state it: its reason, who approved it and when, and until when it holds. */
  waiver: {
    zh: (reason: string, who: string, on: string, expires: string | null) => `已豁免：${reason}（${who} 于 ${on} 批准${expires ? `，有效至 ${expires}` : ''}）`,
    en: (reason: string, who: string, on: string, expires: string | null) => `waived: ${reason} (approved by ${who} on ${on}${expires ? `, until ${expires}` : ''})`,
  },
  noProblems: { zh: '所有适用的必须条款均已通过。', en: 'Every applicable required rule passed.' },
  moreRecords: {
    zh: (count: number) => `另有 ${count} 条记录未在此列出（其判定已计入汇总；--max-records 0 显示全部，完整清单见 JSON 报告）。`,
    en: (count: number) => `${count} more record(s) not listed here (their verdicts are in the roll-up; --max-records 0 shows all, the JSON report lists every one).`,
  },
} as const satisfies Catalogue;

/** A standard's line in the table's summary (--verbose): the engine's per-standard counts. */
export interface StandardCounts {
  standard: string;
  rules: number;
  counts: { pass: number; fail: number; unknown: number; not_applicable: number; waived: number };
  records: { compliant: number };
}

export const TABLE_TEXT = {
  /** After the roll-up's heading: what its counts are. */
  rollUpKey: { zh: '（记录数：达标/不达标/无法判定/不适用）', en: ' (records: compliant/non-compliant/undetermined/n/a)' },
  /** After a region's name in the roll-up. */
  regionRecords: { zh: (count: number) => `（${count} 条记录）`, en: (count: number) => ` (${count} records)` },
  /** Heading of the records, each with its verdicts and the problems behind them. */
  recordsToFix: { zh: '各记录判定与需整改事项', en: 'Each record: verdicts and what it must fix' },
  standardSummary: {
    zh: (s: StandardCounts, passRate: string, judged: number) =>
      `${s.standard}：规则 ${s.rules}，通过 ${s.counts.pass}，不通过 ${s.counts.fail}，无法判断 ${s.counts.unknown}，不适用 ${s.counts.not_applicable}，豁免 ${s.counts.waived}；通过率 ${passRate}；达标记录 ${s.records.compliant}/${judged}`,
    en: (s: StandardCounts, passRate: string, judged: number) =>
      `${s.standard}: ${s.rules} rules, ${s.counts.pass} pass, ${s.counts.fail} fail, ${s.counts.unknown} unknown, ${s.counts.not_applicable} n/a, ${s.counts.waived} waived; pass rate ${passRate}; compliant records ${s.records.compliant}/${judged}`,
  },
  /** Under a record, in place of its guidance and targets not yet due (listed with --verbose). */
  guidanceCollapsed: {
    zh: (count: number) => `另有 ${count} 项指导性条款或未到期目标未达到，不影响判定（--verbose 列出）`,
    en: (count: number) => `${count} guidance or not-yet-due target(s) not met, not changing the verdict (--verbose lists them)`,
  },
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
  zh: ['编号', '名称', '区域', '文件', '行', '工作表', '单元格', '标准', '规则', '规则名称', '状态', '级别', '是否到期', '期限', '实际值', '要求', '差距', '说明', '条款', '原文', '豁免'],
  en: ['record', 'name', 'region', 'file', 'line', 'sheet', 'cell', 'standard', 'rule', 'title', 'status', 'severity', 'due', 'deadline', 'actual', 'requirement', 'gap', 'message', 'section', 'quote', 'waiver'],
} as const satisfies Record<Lang, readonly string[]>;
