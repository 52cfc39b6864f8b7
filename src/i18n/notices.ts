// Things a run handled visibly rather than silently: printed one per line on stderr by `check`,
// listed by `validate`. Codes are stable kebab-case.
import type { Lang } from '../model.js';
import { singleLine } from '../text.js';

type Params = Readonly<Record<string, string | number>>;
const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

export const NOTICES = {
  'unknown-column': {
    zh: (p: Params) => `未识别的列 “${s(p.column)}”（第 ${s(p.index)} 列），已忽略${p.suggestion ? `；是否想用 “${s(p.suggestion)}”（${s(p.label)}）？可用 --map '${s(p.column)}=${s(p.suggestion)}'` : ''}`,
    en: (p: Params) => `unrecognised column "${s(p.column)}" (column ${s(p.index)}) ignored${p.suggestion ? `; did you mean "${s(p.suggestion)}" (${s(p.label_en)})? use --map '${s(p.column)}=${s(p.suggestion)}'` : ''}`,
  },
  'more-unknown-columns': {
    zh: (p: Params) => `还有 ${s(p.count)} 个未识别的列，已忽略`,
    en: (p: Params) => `${s(p.count)} more unrecognised column(s) ignored`,
  },
  'more-unknown-items': {
    zh: (p: Params) => `还有 ${s(p.count)}${p.over ? ' 个以上' : ' 个'}词表外的名称（共出现 ${s(p.times)} 次），清单检查不会把它们当作任何要求的项目`,
    en: (p: Params) => `${s(p.count)}${p.over ? '+' : ''} more name(s) outside the vocabulary (${s(p.times)} occurrence(s)); checklists will not count them as any required item`,
  },
  'waiver-expired': {
    zh: (p: Params) => `第 ${s(p.line)} 行的豁免（记录 ${s(p.record)}，${s(p.rule)}）已于 ${s(p.expires)} 到期，未予适用`,
    en: (p: Params) => `the waiver on line ${s(p.line)} (record ${s(p.record)}, ${s(p.rule)}) expired on ${s(p.expires)} and was not applied`,
  },
  'waiver-unmatched': {
    zh: (p: Params) => `第 ${s(p.line)} 行的豁免所指的记录 “${s(p.record)}” 不在调查表中（${s(p.rule)}）`,
    en: (p: Params) => `the waiver on line ${s(p.line)} names record "${s(p.record)}", which is not in the survey (${s(p.rule)})`,
  },
  'sheet-chosen': {
    zh: (p: Params) => `读取工作表 “${s(p.sheet)}”（表头与字段最匹配；工作簿中有：${s(p.sheets).split('\n').join('、')}；可用 --sheet 指定）`,
    en: (p: Params) => `read worksheet "${s(p.sheet)}" (its header names the most fields; the workbook has ${s(p.sheets).split('\n').join(', ')}; --sheet picks another)`,
  },
  'example-row': {
    zh: (p: Params) => `第 ${s(p.line)} 行是填写示例（编号“示例”），已跳过`,
    en: (p: Params) => `line ${s(p.line)} is the form's example row (id "Example"); skipped`,
  },
  'footer-row': {
    zh: (p: Params) => `第 ${s(p.line)} 行不是记录（合计或表尾：“${s(p.text)}”），已跳过`,
    en: (p: Params) => `line ${s(p.line)} is not a record (a total or the form's footer: "${s(p.text)}"); skipped`,
  },
  'more-footer-rows': {
    zh: (p: Params) => `另有 ${s(p.count)} 行合计或表尾已跳过`,
    en: (p: Params) => `${s(p.count)} more total or footer row(s) skipped`,
  },
  'blank-column': {
    zh: (p: Params) => `第 ${s(p.index)} 列没有表头，已忽略`,
    en: (p: Params) => `column ${s(p.index)} has no header; ignored`,
  },
  'title-rows': {
    zh: (p: Params) => `表头在第 ${s(p.line)} 行，其上 ${s(p.count)} 行视为标题已跳过`,
    en: (p: Params) => `header found on line ${s(p.line)}; ${s(p.count)} title row(s) above it skipped`,
  },
  'empty-rows': {
    zh: (p: Params) => `跳过 ${s(p.count)} 个空行（第 ${s(p.lines)} 行）`,
    en: (p: Params) => `skipped ${s(p.count)} empty row(s) (line ${s(p.lines)})`,
  },
  encoding: {
    zh: (p: Params) => `按 ${s(p.encoding)} 编码读取`,
    en: (p: Params) => `read as ${s(p.encoding)}`,
  },
  'unknown-item': {
    zh: (p: Params) => `${s(p.label)}中有词表外的名称 “${s(p.item)}”（首见第 ${s(p.line)} 行，共 ${s(p.count)} 次），清单检查不会把它当作任何要求的项目`,
    en: (p: Params) => `${s(p.label_en)} has a name outside the vocabulary, "${s(p.item)}" (first on line ${s(p.line)}, ${s(p.count)} time(s)); checklists will not count it as any required item`,
  },
} as const satisfies Record<string, Record<Lang, (p: Params) => string>>;

export type NoticeCode = keyof typeof NOTICES;

export interface Notice {
  code: NoticeCode;
  file: string;
  sheet?: string;
  params: Params;
}

export function renderNotice(notice: Notice, lang: Lang): string {
  return singleLine(`dabiao: ${notice.file}${notice.sheet ? `[${notice.sheet}]` : ''}: ${NOTICES[notice.code][lang](notice.params)}`);
}
