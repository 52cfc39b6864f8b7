// The contract every check kind implements: one file per kind under this folder, listed in index.ts.
import type { CheckSpec, Dictionary, Outcome } from '../../model.js';
import type { KindDefinition } from '../../standards/kind-definition.js';
import type { RecordView } from '../record-view.js';

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

export interface CheckKind extends KindDefinition {
  compile(check: CheckSpec, context: CompileContext): CompiledCheck;
}
