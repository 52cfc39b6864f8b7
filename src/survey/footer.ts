// Rows of a table that are not records: a total (合计, 总计, 小计) or the form's footer (填表人：张三
// 联系电话：…, 审核人, 填报日期, 备注), and the template's example row (编号 示例). They are recognised by
// their first filled cell, a footer word standing alone or followed by a colon or a space (so a
// village named 合计村 or 示例村 is still a record), and are named as skipped, never checked as a village.
const FOOTER_WORDS = ['合计', '总计', '小计', '累计', '填表人', '制表人', '填报人', '审核人', '审核', '负责人', '单位负责人', '联系人', '联系电话', '电话', '填表日期', '制表日期', '填报日期', '填报单位', '填表单位', '备注', '注', '说明'];
const FOOTER = new RegExp(`^(?:${FOOTER_WORDS.join('|')})(?:$|[\\s:：])`);

/** The cells a footer word may stand in: ids and names come first. */
const CELLS_LOOKED_AT = 3;

/** The mark of the example row `dabiao template` writes, in either language. */
export const EXAMPLE_MARK = { zh: '示例', en: 'Example' } as const;
const EXAMPLE = /^(?:示例|样例|填写示例|example)$/i;

export interface NotARecord {
  kind: 'footer' | 'example';
  text: string;
}

/** What a row that is not a record is, or null for a record. `cells`: the row's cell texts. */
export function notARecord(cells: readonly unknown[]): NotARecord | null {
  for (const cell of cells.slice(0, CELLS_LOOKED_AT)) {
    const text = cell === undefined || cell === null ? '' : String(cell).trim();
    if (text === '') continue;
    if (EXAMPLE.test(text)) return { kind: 'example', text };
    return FOOTER.test(text) ? { kind: 'footer', text } : null;
  }
  return null;
}

/** Whether a cell's first character could begin a footer word or the example mark: a cheap first test. */
export function mayBeginFooter(code: number): boolean {
  return code >= 0x80 || code === 69 || code === 101;
}
