// A result's status as a byte, as the engine's status arrays hold it, and as a word.
import type { Status } from '../model.js';

export const PASS = 0;
export const FAIL = 1;
export const UNKNOWN = 2;
export const NOT_APPLICABLE = 3;

export type StatusCode = typeof PASS | typeof FAIL | typeof UNKNOWN | typeof NOT_APPLICABLE;

export const STATUS_OF_CODE: readonly Status[] = ['pass', 'fail', 'unknown', 'not_applicable'];

export const CODE_OF_STATUS: Readonly<Record<Status, StatusCode>> = { pass: PASS, fail: FAIL, unknown: UNKNOWN, not_applicable: NOT_APPLICABLE };

/** Scope masks: whether each row of a batch is in a rule's scope. */
export const IN = 0;
export const OUT = 1;
export const SCOPE_UNKNOWN = 2;
