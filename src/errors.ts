// A tool failure (bad input, bad usage) is a DabiaoError: thrown anywhere, caught only at the top,
// printed as one line and mapped to exit code 2. A failing record is a result, never an exception.
// The wording lives in src/i18n/problems.ts, apart from the code that throws.

import type { ProblemCode } from './i18n/problems.js';

export interface Location {
  file: string;
  line?: number;
  col?: number;
}

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface Problem {
  code: ProblemCode;
  params: ProblemParams;
  location?: Location;
}

export class DabiaoError extends Error {
  readonly exitCode = 2;
  readonly problems: readonly Problem[];

  constructor(first: Problem, ...more: Problem[]) {
    super(`${first.code}: ${JSON.stringify(first.params)}`);
    this.name = 'DabiaoError';
    this.problems = [first, ...more];
  }
}

export function fail(code: ProblemCode, params: ProblemParams = {}, location?: Location): never {
  throw new DabiaoError(location ? { code, params, location } : { code, params });
}

export function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.col !== undefined) text += `:${location.col}`;
  return text;
}
