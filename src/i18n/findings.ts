// Messages of `dabiao validate`, in both languages, keyed by the stable finding codes.
import type { Lang } from '../model.js';
import type { Finding, FindingCode } from '../survey/validate.js';

type Render = (f: Finding, label: string) => string;
/** A field type as people name it: 数字, not number. */
const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  number: { zh: '数字', en: 'number' },
  integer: { zh: '整数', en: 'whole number' },
  boolean: { zh: '“是”或“否”', en: 'yes or no' },
  enum: { zh: '选项', en: 'choice' },
  list: { zh: '清单', en: 'list' },
  date: { zh: '日期', en: 'date' },
  string: { zh: '文本', en: 'text' },
};
const typeName = (type: string, lang: Lang): string => TYPE_NAMES[type]?.[lang] ?? type;

const d = (f: Finding, key: string): string => String(f.detail[key] ?? '');

export const FINDINGS = {
  'unknown-column': {
    zh: (f) => `未识别的列 “${f.value ?? ''}”${f.detail.suggestion ? `，是否想用 “${d(f, 'suggestion')}”？可用 --map` : ''}`,
    en: (f) => `unrecognised column "${f.value ?? ''}"${f.detail.suggestion ? `; did you mean "${d(f, 'suggestion')}"? use --map` : ''}`,
  },
  'missing-column': {
    zh: (_f, label) => `缺少所选标准需要的列：${label}`,
    en: (_f, label) => `missing a column the chosen standards read: ${label}`,
  },
  'duplicate-column': {
    zh: (f, label) => `列 “${f.value ?? ''}” 与第 ${d(f, 'first_column')} 列都表示 ${label}`,
    en: (f, label) => `column "${f.value ?? ''}" means ${label}, like column ${d(f, 'first_column')}`,
  },
  'blank-column': {
    zh: (f) => (f.detail.data ? `没有表头的列中有数据，无法判断它属于哪个字段` : `列没有表头（整列为空，已忽略）`),
    en: (f) => (f.detail.data ? `a column without a header holds data: it cannot be assigned to a field` : `column has no header (empty throughout; ignored)`),
  },
  'wrong-type': {
    zh: (f, label) => `${label}的值 “${f.value ?? ''}” 不是有效的${typeName(d(f, 'type') || d(f, 'schema'), 'zh')}`,
    en: (f, label) => `${label} value "${f.value ?? ''}" is not a valid ${typeName(d(f, 'type') || d(f, 'schema'), 'en')}`,
  },
  'not-allowed': {
    zh: (f, label) => `${label}的值 “${f.value ?? ''}” 不在允许的取值中（${d(f, 'allowed')}）`,
    en: (f, label) => `${label} value "${f.value ?? ''}" is not one of the allowed values (${d(f, 'allowed_en')})`,
  },
  'out-of-range': {
    zh: (f, label) => `${label}的值 “${f.value ?? ''}” 超出合理范围`,
    en: (f, label) => `${label} value "${f.value ?? ''}" is out of the plausible range`,
  },
  'duplicate-id': {
    zh: (f) => `编号 “${f.value ?? ''}” 重复（第一次出现在第 ${d(f, 'first_line')} 行）`,
    en: (f) => `duplicate id "${f.value ?? ''}" (first on line ${d(f, 'first_line')})`,
  },
  'empty-row': { zh: () => `空行`, en: () => `empty row` },
  'example-row': { zh: () => `填写示例行（编号“示例”），不是记录，已跳过`, en: () => `the form's example row (id "Example"), not a record; skipped` },
  'footer-row': { zh: (f) => `合计或表尾行，不是记录（“${d(f, 'text')}”），已跳过`, en: (f) => `a total or footer row, not a record ("${d(f, 'text')}"); skipped` },
  'ragged-row': {
    zh: (f) => `这一行有 ${d(f, 'cells')} 个单元格，表头有 ${d(f, 'expected')} 个`,
    en: (f) => `row has ${d(f, 'cells')} cells, the header has ${d(f, 'expected')}`,
  },
  'unknown-item': {
    zh: (f, label) => `${label}中的名称 “${f.value ?? ''}” 不在词表中，清单检查不会识别它`,
    en: (f, label) => `${label} entry "${f.value ?? ''}" is not in the vocabulary; checklists will not recognise it`,
  },
  'no-records': {
    zh: () => `只有表头，没有任何记录`,
    en: () => `a header but no records`,
  },
  'title-rows': {
    zh: (f) => `表头在第 ${f.line ?? ''} 行，其上 ${d(f, 'count')} 行视为标题`,
    en: (f) => `header on line ${f.line ?? ''}; ${d(f, 'count')} title row(s) above it`,
  },
} as const satisfies Record<FindingCode, Record<Lang, Render>>;

export function renderFinding(finding: Finding, lang: Lang, label: string): string {
  return FINDINGS[finding.code][lang](finding, label);
}
