// What the commands other than `check` print around the data (validate, lint, standards, fields,
// compare, template, plan) and the progress bar's label. Each entry is { zh, en }: a string, or a
// function of the values the text holds (already formatted), so word order stays with each language.
import type { Lang } from '../model.js';
import type { Catalogue } from './report-text.js';

/** A table's column heads, in each language. */
type Columns = Record<Lang, readonly string[]>;

/** `dabiao validate`, as a table. */
export const VALIDATE_COLUMNS = { zh: ['位置', '级别', '问题', '说明'], en: ['Where', 'Severity', 'Problem', 'Detail'] } as const satisfies Columns;

export const VALIDATE_TEXT = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  /** After the counts when the table holds only the first findings. */
  firstListed: { zh: (count: number) => `（仅列出前 ${count} 项）`, en: (count: number) => ` (first ${count} listed)` },
  counts: {
    zh: (files: number, records: number, errors: number, warnings: number, shown: string) => `${files} 个文件，${records} 条记录：错误 ${errors}，警告 ${warnings}${shown}。`,
    en: (files: number, records: number, errors: number, warnings: number, shown: string) => `${files} file(s), ${records} record(s): ${errors} error(s), ${warnings} warning(s)${shown}. `,
  },
  valid: { zh: '格式有效', en: 'VALID' },
  invalid: { zh: '存在数据错误', en: 'DATA ERRORS' },
} as const satisfies Catalogue;

/** `dabiao lint`: a standard file that loads. */
export const LINT_TEXT = {
  valid: { zh: (file: string, rules: number) => `${file}: 有效，${rules} 条规则`, en: (file: string, rules: number) => `${file}: valid, ${rules} rules` },
} as const satisfies Catalogue;

/** `dabiao standards` and `dabiao standards show`. */
export const STANDARDS_COLUMNS = { zh: ['编号', '名称', '来源文件', '规则数'], en: ['ID', 'Title', 'Source document', 'Rules'] } as const satisfies Columns;

export const STANDARDS_TEXT = {
  extends: { zh: (base: string) => `继承自 ${base}`, en: (base: string) => `Extends ${base}` },
  disabled: { zh: '已停用', en: 'disabled' },
  reason: { zh: '理由', en: 'Reason' },
  clause: { zh: '依据', en: 'Clause' },
  requires: { zh: '要求', en: 'Requires' },
  scope: { zh: '适用', en: 'Scope' },
  allRecords: { zh: '全部', en: 'all' },
  inheritedFrom: { zh: '继承自', en: 'From' },
  /** After the standard a rule is inherited from, when this standard changed its clause. */
  changedHere: { zh: (was: string) => `（本标准修改；原依据 ${was}）`, en: (was: string) => ` (changed here; was ${was})` },
  dataOf: { zh: '数据年度', en: 'Data of' },
  interpretation: { zh: '解读', en: 'Interpretation' },
} as const satisfies Catalogue;

/** `dabiao fields`. */
export const FIELDS_COLUMNS = { zh: ['字段', '中文名', '英文名', '类型', '单位', '使用该字段的标准'], en: ['Field', 'Chinese', 'English', 'Type', 'Unit', 'Read by'] } as const satisfies Columns;

export const FIELDS_TEXT = {
  count: { zh: (count: number) => `共 ${count} 个字段`, en: (count: number) => `${count} fields` },
} as const satisfies Catalogue;

/** `dabiao compare`. */
export const COMPARE_TEXT = {
  topic: { zh: '主题（字段）', en: 'Topic (field)' },
  title: { zh: '标准对照', en: 'Standards compared' },
  htmlLang: { zh: 'zh-CN', en: 'en' },
} as const satisfies Catalogue;

/** `dabiao template`: the form's headers, example row and the help on each column. */
export const TEMPLATE_TEXT = {
  headerWithUnit: { zh: (label: string, unit: string) => `${label}（${unit}）`, en: (label: string, unit: string) => `${label} (${unit})` },
  exampleRegion: { zh: '示例镇', en: 'Example town' },
  exampleName: { zh: '示例社区', en: 'Example community' },
  /** Example entries of a category a checklist counts (示例1站): Chinese in both languages, since an entry
   * counts by the ending the vocabulary's names share. */
  exampleItem: { zh: (i: number, suffix: string) => `示例${i}${suffix}`, en: (i: number, suffix: string) => `示例${i}${suffix}` },
  /** Between the entries of an example list: what the reader splits on, in each language's habit. */
  listSeparator: { zh: '、', en: ';' },
  emptyList: { zh: '无', en: 'none' },
  sheetName: { zh: '调查表', en: 'Survey' },
  /** Excel's list validation of a yes/no column: a quoted, comma-separated formula. */
  yesNoChoices: { zh: '"是,否"', en: '"yes,no"' },
  invalidNumber: { zh: '数值无效', en: 'Invalid number' },
  helpEnum: { zh: (values: string) => `从下拉列表选择：${values}`, en: (values: string) => `choose: ${values}` },
  helpBoolean: { zh: '填“是”或“否”', en: 'yes or no' },
  helpList: { zh: '多个名称用“、”分隔，没有填“无”', en: 'names separated by ";", or "none"' },
  helpInteger: { zh: (unit: string | undefined) => `整数${unit ? `，单位${unit}` : ''}`, en: (unit: string | undefined) => `whole number${unit ? ` in ${unit}` : ''}` },
  helpNumber: { zh: (unit: string | undefined) => `数字${unit ? `，单位${unit}` : ''}`, en: (unit: string | undefined) => `number${unit ? ` in ${unit}` : ''}` },
  helpDate: { zh: '日期，如 2026-01-01', en: 'date, e.g. 2026-01-01' },
  helpId: { zh: '每条记录唯一的编号', en: 'a unique id per record' },
  helpText: { zh: '文字', en: 'text' },
} as const satisfies Catalogue;

/** `dabiao plan`, around the site's figures. */
export const PLAN_COMMAND_TEXT = {
  /** A bundled standard offered when none was named. */
  offered: { zh: (id: string, title: string) => `${id}（${title}）`, en: (id: string, title: string) => `${id} (${title})` },
  noFigures: { zh: '（未给出任何数据）', en: '(no figures given)' },
} as const satisfies Catalogue;

/** The progress bar drawn on a terminal while a large survey is read. */
export const PROGRESS_TEXT = {
  records: { zh: '条记录', en: 'records' },
} as const satisfies Catalogue;
