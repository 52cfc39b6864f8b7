// The contract every check kind implements: one file per kind under this folder, listed in index.ts.
import type { CheckSpec, Dictionary, Outcome, Requirement } from '../../model.js';
import type { KindDefinition } from '../../standards/kind-definition.js';
import type { RecordView } from '../../batch.js';

export type RecordCheck = (view: RecordView) => Outcome;

export interface Accumulator {
  add(view: RecordView): void;
  finish(): Outcome;
}

export type CompiledCheck =
  | { type: 'record'; evaluate: RecordCheck }
  | { type: 'aggregate'; start: () => Accumulator };

export interface CompileContext {
  dictionary: Dictionary;
  /** Compile a nested per-record check (used by aggregate kinds). */
  compileRecordCheck(check: CheckSpec): RecordCheck;
}

/** What a per-record check demands of one site: the inverse of checking it. */
export type Demand =
  | { type: 'requirement'; requirement: Requirement }
  /** The demand depends on figures the planner has not given (households for a per-household area). */
  | { type: 'needs'; fields: string[] }
  | { type: 'not_applicable' };

export interface CheckKind extends KindDefinition {
  compile(check: CheckSpec, context: CompileContext): CompiledCheck;
  /** Per-record kinds state their requirement for a site; `plan` and `check` share this code path. */
  demand?(check: CheckSpec, view: RecordView, context: CompileContext): Demand;
}
