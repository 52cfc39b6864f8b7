// Validate one standard file completely before any survey is read: schema, check kinds and their
// options, fields against the data dictionary, duplicate ids, dates, unsafe patterns. Every problem
// is collected and reported with file:line, not just the first.
import { DabiaoError, type Problem } from '../errors.js';
import type { CheckSpec, Dictionary, Rule, Standard } from '../model.js';
import { isIsoDate } from '../text.js';
import { ajv, schemaProblems } from './ajv.js';
import type { KindDefinition } from './kind-definition.js';
import { STANDARD_SCHEMA } from './schema.js';
import { suggest } from './suggest.js';
import type { DataPath, YamlSource } from './yaml-source.js';

const validateShape = ajv.compile(STANDARD_SCHEMA);
const kindValidators = new WeakMap<KindDefinition, ReturnType<typeof ajv.compile>>();

function validatorFor(kind: KindDefinition): ReturnType<typeof ajv.compile> {
  let validate = kindValidators.get(kind);
  if (!validate) {
    validate = ajv.compile(kind.schema);
    kindValidators.set(kind, validate);
  }
  return validate;
}

export interface ValidateOptions {
  dictionary: Dictionary;
  kinds: ReadonlyMap<string, KindDefinition>;
  /** When set, the standard's id must equal it (bundled files are named after their id). */
  expectedId?: string;
}

export function validateStandard(source: YamlSource, options: ValidateOptions): Standard {
  if (!validateShape(source.data)) {
    const problems = schemaProblems(validateShape.errors, source);
    throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  }
  const data = source.data as Omit<Standard, 'file'>;
  const problems: Problem[] = [];
  const report = (path: DataPath, code: Problem['code'], params: Problem['params'], key = false): void => {
    problems.push({ code, params, location: source.locate(path, key) });
  };

  if (options.expectedId !== undefined && data.id !== options.expectedId) {
    report(['id'], 'id-mismatch', { id: data.id, file: options.expectedId });
  }

  const firstLine = new Map<string, number>();
  data.rules.forEach((rule, index) => {
    const here: DataPath = ['rules', index];
    const line = source.locate([...here, 'id']).line ?? 0;
    const first = firstLine.get(rule.id);
    if (first !== undefined) report([...here, 'id'], 'duplicate-rule', { id: rule.id, first });
    else firstLine.set(rule.id, line);

    if (rule.deadline !== undefined && !isIsoDate(rule.deadline)) report([...here, 'deadline'], 'bad-date', { value: rule.deadline });
    rule.schedule?.forEach((entry, i) => {
      if (!isIsoDate(entry.due)) report([...here, 'schedule', i, 'due'], 'bad-date', { value: entry.due });
      const previous = rule.schedule?.[i - 1];
      if (previous && previous.due >= entry.due) report([...here, 'schedule', i, 'due'], 'schedule-order', {});
    });
    checkProblems(rule.check, [...here, 'check'], false, options, source, problems);
    if (rule.schedule) {
      const kind = options.kinds.get(rule.check.kind);
      const accepts = (kind?.schema.properties ?? {}) as Record<string, unknown>;
      rule.schedule.forEach((entry, i) => {
        for (const bound of ['min', 'max'] as const) {
          if (entry[bound] !== undefined && !(bound in accepts)) {
            report([...here, 'schedule', i, bound], 'schema-violation', { path: `rules[${index}].schedule[${i}]`, detail: `check kind "${rule.check.kind}" has no "${bound}" to schedule` });
          }
        }
      });
    }
  });

  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  const rules: Rule[] = data.rules.map((rule, index) => {
    const position = source.locate(['rules', index]);
    return { ...rule, position: { file: source.file, line: position.line ?? 1, col: position.col ?? 1 } };
  });
  return { ...data, rules, file: source.file };
}

function checkProblems(
  check: CheckSpec,
  path: DataPath,
  nested: boolean,
  options: ValidateOptions,
  source: YamlSource,
  problems: Problem[],
): void {
  const report = (at: DataPath, code: Problem['code'], params: Problem['params']): void => {
    problems.push({ code, params, location: source.locate(at) });
  };
  const kind = options.kinds.get(check.kind);
  if (!kind) {
    const suggestion = suggest(check.kind, options.kinds.keys());
    report([...path, 'kind'], 'unknown-kind', { kind: check.kind, available: [...options.kinds.keys()].join(', '), ...(suggestion ? { suggestion } : {}) });
    return;
  }
  if (nested && kind.aggregate) {
    report([...path, 'kind'], 'schema-violation', { path: 'check', detail: `aggregate kind "${kind.kind}" cannot be nested` });
    return;
  }
  const validate = validatorFor(kind);
  if (!validate(check)) {
    problems.push(...schemaProblems(validate.errors, source, path));
    return;
  }
  for (const use of kind.fieldsRead(check)) {
    const field = options.dictionary.fields.get(use.field);
    if (!field) {
      const suggestion = suggest(use.field, options.dictionary.fields.keys());
      report([...path, use.option], 'unknown-field', { field: use.field, ...(suggestion ? { suggestion } : {}) });
    } else if (!use.types.includes(field.type)) {
      report([...path, use.option], 'field-type', { kind: kind.kind, field: use.field, type: field.type, expected: use.types.join('/') });
    }
  }
  for (const problem of kind.lint?.(check) ?? []) report([...path, ...problem.path], problem.code, problem.params);
  for (const inner of kind.nested?.(check) ?? []) checkProblems(inner.check, [...path, ...inner.path], true, options, source, problems);
}
