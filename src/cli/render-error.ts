// A DabiaoError as printed: one line per problem, "dabiao: file:line:col: message", never a stack.
import type { DabiaoError, Problem } from '../errors.js';
import { formatLocation } from '../errors.js';
import { renderProblem } from '../i18n/problems.js';
import type { Lang, Standard } from '../model.js';
import { singleLine } from '../text.js';

export function renderErrorLines(error: DabiaoError, lang: Lang): string[] {
  return error.problems.map((problem) => renderProblemLine(problem, lang));
}

export function renderProblemLine(problem: Problem, lang: Lang): string {
  const where = formatLocation(problem.location);
  return singleLine(`dabiao: ${where ? `${where}: ` : ''}${renderProblem(problem.code, problem.params, lang)}`);
}

/** What the chosen standards load despite (alias items), one notice line each. */
export function standardWarnings(standards: readonly Standard[], lang: Lang): string[] {
  return standards.flatMap((standard) => (standard.warnings ?? []).map((problem) => renderProblemLine(problem, lang)));
}
