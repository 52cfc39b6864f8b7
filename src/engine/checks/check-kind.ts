// The contract every check kind implements: one file per kind under this folder, listed in index.ts.
import type { Batch, RecordView } from '../../batch.js';
import type { CheckSpec, Dictionary, Outcome, Requirement } from '../../model.js';
import type { KindDefinition } from '../../standards/kind-definition.js';

export type RecordCheck = (view: RecordView) => Outcome;

/**
 * The fast path of a per-record check over a whole batch: for every row whose `mask` entry is IN
 * (0), write its status code (PASS, FAIL, UNKNOWN, or NOT_APPLICABLE where the check itself finds the
 * record outside its bands) into `out`; other rows are left alone. It must give
 * exactly the status `evaluate` gives for the same row: `evaluate` explains a result, the kernel
 * counts it.
 */
export type Kernel = (batch: Batch, mask: Uint8Array, out: Uint8Array) => void;

export interface CompiledRecordCheck {
  type: 'record';
  evaluate: RecordCheck;
  kernel?: Kernel;
}

/**
 * An aggregate check (a share, a mean) keeps a state per group of records (a region). States are plain
 * data and merge exactly, so records judged in several workers add up to the same verdict.
 */
export interface CompiledAggregateCheck<State = unknown> {
  type: 'aggregate';
  /** The per-record check whose status each record contributes (a share's `of`). */
  inner?: CompiledRecordCheck;
  empty(): State;
  /** Add one in-scope row; `status` is the inner check's status code for it, when there is one. */
  add(state: State, batch: Batch, row: number, status: number): void;
  merge(into: State, other: State): void;
  finish(state: State): Outcome;
}

export type CompiledCheck = CompiledRecordCheck | CompiledAggregateCheck;

export interface CompileContext {
  dictionary: Dictionary;
  /** Compile a nested per-record check (used by aggregate kinds). */
  compileRecordCheck(check: CheckSpec): CompiledRecordCheck;
}

/** What a per-record check demands of one site: the inverse of checking it. */
export type Demand =
  | { type: 'requirement'; requirement: Requirement }
  /** The demand depends on figures the planner has not given (households for a per-household area). */
  | { type: 'needs'; fields: string[] }
  | { type: 'not_applicable' };

// Methods keep `check` bivariant (see KindDefinition); the kind's schema guarantees it is a `C` before any call.
export interface CheckKind<C extends CheckSpec = CheckSpec> extends KindDefinition<C> {
  compile(check: C, context: CompileContext): CompiledCheck;
  /** Per-record kinds state their requirement for a site; `plan` and `check` share this code path. */
  demand?(check: C, view: RecordView, context: CompileContext): Demand;
}
