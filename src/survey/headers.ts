// Match survey column headers (or JSON keys) to canonical fields of the data dictionary. Matching
// ignores case, spaces, full-width forms and a trailing unit in brackets: 服务中心面积（平方米） = 服务中心面积.
import type { Dictionary } from '../model.js';
import { normaliseHeader } from '../text.js';

export class HeaderMatcher {
  private readonly byName = new Map<string, string>();
  private readonly cache = new Map<string, string | null>();

  constructor(dictionary: Dictionary) {
    for (const field of dictionary.fields.values()) {
      for (const name of [field.id, field.label.zh, field.label.en, ...field.aliases]) {
        const key = normaliseHeader(name);
        if (!this.byName.has(key)) this.byName.set(key, field.id);
      }
    }
  }

  /** The canonical field a header stands for, or null when it matches none. */
  match(header: string): string | null {
    let field = this.cache.get(header);
    if (field === undefined) {
      field = this.byName.get(normaliseHeader(header)) ?? null;
      this.cache.set(header, field);
    }
    return field;
  }
}
