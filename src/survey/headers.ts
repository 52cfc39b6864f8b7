// Match survey column headers (or JSON keys) to canonical fields of the data dictionary. Matching
// ignores case, spaces, full-width forms and a trailing unit in brackets: 服务中心面积（平方米） = 服务中心面积.
// Explicit mappings (--map, a mapping file) come first; an unknown header gets a "did you mean".
import type { Dictionary } from '../model.js';
import { normaliseHeader } from '../text.js';
import { editDistance } from '../standards/suggest.js';

/** Unknown headers given a "did you mean" per run, and the longest header one is sought for. */
export const MAX_SUGGESTIONS = 20;
const MAX_SUGGESTED_LENGTH = 100;
/** Headers longer than this name no field: they are not normalised or looked up. */
const MAX_HEADER_LENGTH = 200;

export class HeaderMatcher {
  private readonly byName = new Map<string, string>();
  private readonly cache = new Map<string, string | null>();
  private suggestions = 0;

  constructor(
    private readonly dictionary: Dictionary,
    /** Header -> canonical field, applied before the dictionary's own names. */
    mapping: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [header, field] of mapping) this.byName.set(normaliseHeader(header), field);
    for (const field of dictionary.fields.values()) {
      for (const name of [field.id, field.label.zh, field.label.en, ...field.aliases]) {
        const key = normaliseHeader(name);
        if (!this.byName.has(key)) this.byName.set(key, field.id);
      }
    }
  }

  /** The canonical field a header stands for, or null when it matches none. */
  match(header: string): string | null {
    if (header.length > MAX_HEADER_LENGTH) return null;
    let field = this.cache.get(header);
    if (field === undefined) {
      field = this.byName.get(normaliseHeader(header)) ?? null;
      if (this.cache.size < 10_000) this.cache.set(header, field);
    }
    return field;
  }

  /** How many cells of a row name known fields: the header row is the row that names most. */
  score(cells: readonly string[]): number {
    return cells.filter((cell) => cell.trim() !== '' && this.match(cell) !== null).length;
  }

  /**
   * The field an unknown header most likely meant, by edit distance over the known names of a similar
   * length. Only the first few unknown headers of a run get a suggestion: a file of 40,000 unknown
   * columns must not cost 40,000 searches.
   */
  suggest(header: string): string | undefined {
    if (this.suggestions >= MAX_SUGGESTIONS || header.length > MAX_SUGGESTED_LENGTH) return undefined;
    this.suggestions++;
    const target = normaliseHeader(header);
    if (target === '') return undefined;
    const limit = Math.max(1, Math.floor(target.length / 3));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const [name, field] of this.byName) {
      if (Math.abs(name.length - target.length) > limit) continue;
      const distance = editDistance(target, name);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = field;
      }
    }
    return bestDistance <= limit ? best : undefined;
  }

  labels(field: string): { label: string; label_en: string } {
    const label = this.dictionary.fields.get(field)?.label;
    return { label: label?.zh ?? field, label_en: label?.en ?? field };
  }
}
