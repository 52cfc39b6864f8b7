// A DabiaoError as printed: one line per problem, "dabiao: file:line:col: message", never a stack.
import type { DabiaoError } from '../errors.js';
import { formatLocation } from '../errors.js';
import { renderProblem } from '../i18n/problems.js';
import type { Lang } from '../model.js';
import { singleLine } from '../text.js';

export function renderErrorLines(error: DabiaoError, lang: Lang): string[] {
  return error.problems.map((problem) => {
    const where = formatLocation(problem.location);
    return singleLine(`dabiao: ${where ? `${where}: ` : ''}${renderProblem(problem.code, problem.params, lang)}`);
  });
}
