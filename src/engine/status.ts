// A result's status as a byte, as the engine's status arrays hold it, and as a word.
import type { Status } from '../model.js';

export const PASS = 0;
export const FAIL = 1;
export const UNKNOWN = 2;
export const NOT_APPLICABLE = 3;
/** A failure or unknown an approved waiver covers: counted apart, never as a pass. */
export const WAIVED = 4;

export type StatusCode = typeof PASS | typeof FAIL | typeof UNKNOWN | typeof NOT_APPLICABLE | typeof WAIVED;

export const STATUS_OF_CODE: readonly Status[] = ['pass', 'fail', 'unknown', 'not_applicable', 'waived'];

export const CODE_OF_STATUS: Readonly<Record<Status, StatusCode>> = { pass: PASS, fail: FAIL, unknown: UNKNOWN, not_applicable: NOT_APPLICABLE, waived: WAIVED };

/** Scope masks: whether each row of a batch is in a rule's scope. */
export const IN = 0;
export const OUT = 1;
export const SCOPE_UNKNOWN = 2;
