// The words of yes/no and enum fields, as the data dictionary defines them: survey cells and the scope
// values a standard writes are read the same way, so 村, 农村, 是 mean the same in both.
import type { FieldDef } from '../model.js';
import { normaliseName } from '../text.js';

const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1', '有', '✓', '√', '✔', '已建', '已建成', '具备', '达标']);
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0', '无', '没有', '×', '✗', '✘', '未建', '未建成', '不具备', '不达标']);

/** 是/否, yes/no, ✓/×, 有/无 … as a boolean; undefined when the word is neither. */
export function booleanWord(text: string): boolean | undefined {
  const word = normaliseName(text);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** The id of the enum value a word names (its id, either label or an alias): 村 -> village. */
export function enumWord(field: FieldDef, text: string): string | undefined {
  const key = normaliseName(text);
  for (const [id, value] of Object.entries(field.values ?? {})) {
    if ([id, value.zh, value.en, ...value.aliases].some((name) => normaliseName(name) === key)) return id;
  }
  return undefined;
}

/** A scope value as the canonical code records are compared with ("village", "true"); undefined when
 * the word means nothing for this field. */
export function scopeCode(field: FieldDef, value: string | boolean): string | undefined {
  if (field.type === 'boolean') {
    const parsed = typeof value === 'boolean' ? value : booleanWord(value);
    return parsed === undefined ? undefined : String(parsed);
  }
  if (field.type === 'enum') return typeof value === 'string' ? enumWord(field, value) : undefined;
  return undefined;
}
