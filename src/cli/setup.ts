// Shared start of every command: the dictionary, the check kinds and the chosen standards.
import { checkKinds } from '../engine/checks/index.js';
import { DabiaoError } from '../errors.js';
import type { Dictionary, Lang, Standard } from '../model.js';
import { LANGS } from '../model.js';
import { loadDictionary, loadStandards } from '../standards/load.js';
import { runDictionary } from '../standards/own-fields.js';
import { isIsoDate } from '../text.js';

export interface Loaded {
  dictionary: Dictionary;
  standards: Standard[];
}

export function loadAll(selectors: readonly string[]): Loaded {
  const bundled = loadDictionary();
  const standards = loadStandards(selectors, { dictionary: bundled, kinds: checkKinds });
  // Fields the standards declare join the dictionary for the run: headers, templates, validation.
  return { dictionary: runDictionary(bundled, standards), standards };
}

/** An option value that must be one of a closed set, refused with the set named. */
export function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DabiaoError({ code: 'bad-option', params: { option, allowed: allowed.join(', ') } });
}

export function parseLang(value: string | undefined): Lang {
  return choice('--lang', (value ?? 'zh').toLowerCase(), LANGS);
}

export function parseAsOf(value: string | undefined, now: Date): string {
  if (value === undefined) {
    const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 10);
  }
  if (!isIsoDate(value)) throw new DabiaoError({ code: 'bad-date', params: { value } });
  return value;
}

/** --year: the year a survey's data is for, where a record has no 统计年度 column; default the year of --as-of. */
export function parseYear(value: string | undefined, asOf: string): number {
  if (value === undefined) return Number(asOf.slice(0, 4));
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1949 || year > 2100) throw new DabiaoError({ code: 'bad-usage', params: { what: 'year' } });
  return year;
}
