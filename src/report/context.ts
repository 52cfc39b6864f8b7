// What every report format needs besides the results: the standards, the dictionary and the language.
import type { Citation, Dictionary, Lang, Rule, Standard } from '../model.js';

export interface ReportContext {
  lang: Lang;
  asOf: string;
  dictionary: Dictionary;
  standards: readonly Standard[];
  /** Every rule by `${standard}/${rule}`. */
  rules: ReadonlyMap<string, Rule>;
  inputs: readonly string[];
  /** Include passes and not-applicable results, not only problems (table) / not-applicable (JSON). */
  all: boolean;
  /** Records shown in the terminal table before it points to machine formats (0 = no limit). */
  maxRecords: number;
  color: boolean;
  /** The per-record rules as `standard/rule`, in the order of the engine's status arrays. */
  recordRules: readonly string[];
  /** Standard ids in the order of the engine's verdict arrays (the order standards were given). */
  verdictStandards: readonly string[];
  /** Terminal report: the columns lines wrap to; the clause under each problem and guidance shown
   * (verbose); verdicts and the closing line only (quiet). */
  width: number;
  verbose: boolean;
  quiet: boolean;
}

export function ruleKey(standard: string, rule: string): string {
  return `${standard}/${rule}`;
}

type ContextOptions = Omit<ReportContext, 'rules' | 'recordRules' | 'verdictStandards' | 'width' | 'verbose' | 'quiet'> & Partial<Pick<ReportContext, 'recordRules' | 'width' | 'verbose' | 'quiet'>>;

export function makeContext(options: ContextOptions): ReportContext {
  const rules = new Map<string, Rule>();
  for (const standard of options.standards) for (const rule of standard.rules) rules.set(ruleKey(standard.id, rule.id), rule);
  return {
    width: 80,
    verbose: false,
    quiet: false,
    ...options,
    rules,
    recordRules: options.recordRules ?? [],
    verdictStandards: options.standards.map((standard) => standard.id),
  };
}

/** A citation's verbatim text; a quote cut into fragments in the source is joined with an ellipsis. */
export function quoteText(citation: Citation, separator = ' … '): string {
  return Array.isArray(citation.quote) ? citation.quote.join(separator) : citation.quote;
}
