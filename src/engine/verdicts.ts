// A record's verdict under each standard, from its statuses: what an inspector signs. Non-compliant
// (不达标) when a due, required rule failed; undetermined (无法判定) when none failed but one could not be
// judged (its data missing, unreadable, or not in the survey at all); compliant (达标) when every
// applicable, due, required rule passed (or was waived); not applicable when no rule of the standard
// applies to the record. Guidance and targets not yet due never change a verdict; aggregate rules
// judge regions, not records.
import type { Verdict } from '../model.js';
import type { CompiledRule } from './compile.js';

export const COMPLIANT = 0;
export const NON_COMPLIANT = 1;
export const UNDETERMINED = 2;
export const VERDICT_NOT_APPLICABLE = 3;

export const VERDICT_OF_CODE: readonly Verdict[] = ['compliant', 'non_compliant', 'undetermined', 'not_applicable'];

// By status code (pass, fail, unknown, not applicable, waived): the rank a result gives its standard's
// verdict when its rule decides one (required and due), and when it only shows the standard applies.
const DECIDING_RANK = Uint8Array.of(1, 3, 2, 0, 1);
const APPLYING_RANK = Uint8Array.of(1, 1, 1, 0, 1);
const VERDICT_OF_RANK = Uint8Array.of(VERDICT_NOT_APPLICABLE, COMPLIANT, UNDETERMINED, NON_COMPLIANT);

/** Which standard each per-record rule belongs to, and whether it decides a verdict (required, due). */
export class VerdictRules {
  /** Standard ids, in the order of the plan's rules. */
  readonly standards: readonly string[];
  private readonly standardOf: Int32Array;
  private readonly decides: Uint8Array;

  constructor(rules: readonly CompiledRule[], allRules: readonly CompiledRule[] = rules) {
    this.standards = [...new Set(allRules.map((rule) => rule.standard.id))];
    this.standardOf = Int32Array.from(rules, (rule) => this.standards.indexOf(rule.standard.id));
    this.decides = Uint8Array.from(rules, (rule) => (rule.rule.severity === 'required' && rule.due ? 1 : 0));
  }

  /** Per standard, a verdict code per row. Worked rule by rule, a column at a time: each rule raises
   * its standard's rank per row (0 nothing applies, 1 applies, 2 unknown, 3 failed), read as a verdict. */
  verdicts(statuses: readonly Uint8Array[], size: number): Uint8Array[] {
    const ranks = Array.from({ length: this.standards.length }, () => new Uint8Array(size));
    for (let i = 0; i < statuses.length; i++) {
      const codes = statuses[i] as Uint8Array;
      const rank = ranks[this.standardOf[i] as number] as Uint8Array;
      const rankOf = this.decides[i] === 1 ? DECIDING_RANK : APPLYING_RANK;
      for (let row = 0; row < size; row++) {
        const next = rankOf[codes[row] as number] as number;
        if (next > (rank[row] as number)) rank[row] = next;
      }
    }
    for (const rank of ranks) for (let row = 0; row < size; row++) rank[row] = VERDICT_OF_RANK[rank[row] as number] as number;
    return ranks;
  }
}
