// A record's verdict under each standard, from its statuses: what an inspector signs. Non-compliant
// (不达标) when a due, required rule failed; undetermined (无法判定) when none failed but one could not be
// judged (its data missing, unreadable, or not in the survey at all); compliant (达标) when every
// applicable, due, required rule passed (or was waived); not applicable when no rule of the standard
// applies to the record. Guidance and targets not yet due never change a verdict; aggregate rules
// judge regions, not records.
import type { Verdict } from '../model.js';
import type { CompiledRule } from './compile.js';
import { FAIL, NOT_APPLICABLE, UNKNOWN } from './status.js';

export const COMPLIANT = 0;
export const NON_COMPLIANT = 1;
export const UNDETERMINED = 2;
export const VERDICT_NOT_APPLICABLE = 3;

export const VERDICT_OF_CODE: readonly Verdict[] = ['compliant', 'non_compliant', 'undetermined', 'not_applicable'];

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

  /** Per standard, a verdict code per row. */
  verdicts(statuses: readonly Uint8Array[], size: number): Uint8Array[] {
    const count = this.standards.length;
    const verdicts = Array.from({ length: count }, () => new Uint8Array(size));
    // Per standard while a row is read: 0 nothing applies, 1 something applies, 2 unknown, 3 failed.
    const worst = new Uint8Array(count);
    for (let row = 0; row < size; row++) {
      worst.fill(0);
      for (let i = 0; i < statuses.length; i++) {
        const code = (statuses[i] as Uint8Array)[row] as number;
        if (code === NOT_APPLICABLE) continue;
        const at = this.standardOf[i] as number;
        let rank = 1;
        if (this.decides[i] === 1) rank = code === FAIL ? 3 : code === UNKNOWN ? 2 : 1;
        if (rank > (worst[at] as number)) worst[at] = rank;
      }
      for (let at = 0; at < count; at++) {
        const rank = worst[at] as number;
        (verdicts[at] as Uint8Array)[row] = rank === 3 ? NON_COMPLIANT : rank === 2 ? UNDETERMINED : rank === 1 ? COMPLIANT : VERDICT_NOT_APPLICABLE;
      }
    }
    return verdicts;
  }
}
