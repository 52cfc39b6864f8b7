// Validate one standard file completely before any survey is read: schema, check kinds and their
// options, fields against the data dictionary, duplicate ids, dates, unsafe patterns. Every problem
// is collected and reported with file:line, not just the first.
import { DabiaoError, type Problem } from '../errors.js';
import type { CheckSpec, Dictionary, FieldDef, Rule, Scope, Standard, Text, YearRange } from '../model.js';
import { vocabularyOf } from '../model.js';
import { isIsoDate, neutraliseDeep, normaliseName } from '../text.js';
import { schemaProblems } from './ajv.js';
import { validatorFor } from './schema-validators.js';
import type { KindDefinition } from './kind-definition.js';
import { scopeCode } from './words.js';
import { STANDARD_SCHEMA } from './schema.js';
import { suggest } from './suggest.js';
import type { DataPath, YamlSource } from './yaml-source.js';


export interface ValidateOptions {
  dictionary: Dictionary;
  kinds: ReadonlyMap<string, KindDefinition>;
  /** When set, the standard's id must equal it (bundled files are named after their id). */
  expectedId?: string;
  /** `lint`: refuse what is only a matter of form too (a rule item written as an alias). Elsewhere such
   * a standard loads, each such point a warning the command prints. */
  strict?: boolean;
}

export function validateStandard(source: YamlSource, options: ValidateOptions): Standard {
  // A file that is not a standard at all (a password file, a survey) gets one line quoting at most its
  // first characters, not a schema complaint per line of its content.
  const root = source.data;
  if (root === null || typeof root !== 'object' || Array.isArray(root) || !('id' in root || 'rules' in root)) {
    throw new DabiaoError({ code: 'not-a-standard', params: { start: source.head }, location: { file: source.file, line: 1 } });
  }
  const validateShape = validatorFor(STANDARD_SCHEMA);
  if (!validateShape(source.data)) {
    const problems = schemaProblems(validateShape.errors, source);
    throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  }
  // Titles, quotes and notes are printed to terminals and reports: no control characters survive.
  const data = neutraliseDeep(source.data) as Omit<Standard, 'file' | 'rules' | 'source'> & { source: Omit<Standard['source'], 'notes'> & { notes?: WrittenText }; rules: RuleData[] };
  const problems: Problem[] = [];
  const report = (path: DataPath, code: Problem['code'], params: Problem['params'], key = false): void => {
    problems.push({ code, params, location: source.locate(path, key) });
  };

  if (options.expectedId !== undefined && data.id !== options.expectedId) {
    report(['id'], 'id-mismatch', { id: data.id, file: options.expectedId });
  }

  const firstLine = new Map<string, number>();
  const warnings: Problem[] = [];
  const scopes: (Scope | undefined)[] = [];
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
    checkProblems(rule.check, [...here, 'check'], false, options, source, problems, warnings);
    scopes.push(scopeOf(rule.scope, [...here, 'scope'], options.dictionary, report));
    const year = yearOf(rule.year);
    if (year && year.from > year.to) report([...here, 'year'], 'bad-threshold', { rule: 'year-order' });
    if (rule.interpreted && rule.interpretation === undefined) report([...here, 'interpreted'], 'interpretation-missing', {});
    if (rule.schedule) {
      const kind = options.kinds.get(rule.check.kind);
      const accepts = (kind?.schema.properties ?? {}) as Record<string, unknown>;
      rule.schedule.forEach((entry, i) => {
        for (const bound of ['min', 'max'] as const) {
          if (entry[bound] !== undefined && !(bound in accepts)) {
            report([...here, 'schedule', i, bound], 'schedule-bound', { kind: rule.check.kind, bound });
          }
        }
      });
    }
  });

  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  const rules: Rule[] = data.rules.map((rule, index) => {
    const position = source.locate(['rules', index]);
    const scope = scopes[index];
    const year = yearOf(rule.year);
    const interpretation = textOf(rule.interpretation);
    return { ...rule, scope, year, interpretation, position: { file: source.file, line: position.line ?? 1, col: position.col ?? 1 } };
  });
  const notes = textOf(data.source.notes);
  return { ...data, source: { ...data.source, notes }, rules, file: source.file, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** A rule as written: scope values may be words (村, 是, true) and the year a number or a range. */
type RuleData = Omit<Rule, 'scope' | 'year' | 'interpretation'> & {
  scope?: Record<string, ScopeWord | ScopeWord[]>;
  year?: number | YearRange;
  interpretation?: WrittenText;
};
type WrittenText = string | { zh: string; en?: string };
type ScopeWord = string | boolean;

/** A text written once (in either language) or as {zh, en}; a missing English falls back to Chinese. */
function textOf(written: WrittenText | undefined): Text | undefined {
  if (written === undefined) return undefined;
  if (typeof written === 'string') return { zh: written.trim(), en: written.trim() };
  return { zh: written.zh.trim(), en: (written.en ?? written.zh).trim() };
}

function yearOf(raw: RuleData['year']): YearRange | undefined {
  if (raw === undefined) return undefined;
  return typeof raw === 'number' ? { from: raw, to: raw } : raw;
}

/** The scope as canonical codes; every field that is not a yes/no or enum field, and every value the
 * field does not know, is a problem at its place. */
function scopeOf(
  raw: RuleData['scope'],
  path: DataPath,
  dictionary: Dictionary,
  report: (path: DataPath, code: Problem['code'], params: Problem['params'], key?: boolean) => void,
): Scope | undefined {
  if (raw === undefined) return undefined;
  const scope: Record<string, string[]> = {};
  for (const [field, written] of Object.entries(raw)) {
    const def = dictionary.fields.get(field);
    if (!def) {
      const suggestion = suggest(field, [...dictionary.fields.values()].filter(isScopeField).map((f) => f.id));
      report([...path, field], 'unknown-field', { field, ...(suggestion ? { suggestion } : {}) }, true);
      continue;
    }
    if (!isScopeField(def)) {
      report([...path, field], 'scope-field-type', { field, type: def.type }, true);
      continue;
    }
    const values = Array.isArray(written) ? written : [written];
    const codes: string[] = [];
    values.forEach((value, i) => {
      const code = scopeCode(def, value);
      if (code === undefined) {
        const allowed = def.type === 'boolean' ? ['true', 'false', '是', '否'] : Object.entries(def.values ?? {}).flatMap(([id, v]) => [id, v.zh]);
        const suggestion = suggest(String(value), allowed);
        report(Array.isArray(written) ? [...path, field, i] : [...path, field], 'unknown-scope-value', { field, value: String(value), allowed: allowed.join(', '), ...(suggestion ? { suggestion } : {}) });
      } else if (!codes.includes(code)) codes.push(code);
    });
    scope[field] = codes;
  }
  return scope;
}

function isScopeField(field: FieldDef): boolean {
  return field.type === 'boolean' || field.type === 'enum';
}

function checkProblems(
  check: CheckSpec,
  path: DataPath,
  nested: boolean,
  options: ValidateOptions,
  source: YamlSource,
  problems: Problem[],
  warnings: Problem[],
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
    report([...path, 'kind'], 'aggregate-nested', { kind: kind.kind });
    return;
  }
  const validate = validatorFor(kind.schema);
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
  for (const named of kind.itemsNamed?.(check) ?? []) {
    const canonical = vocabularyOf(options.dictionary, named.field).get(normaliseName(named.item));
    if (canonical !== undefined && canonical !== named.item) {
      // The field's vocabulary reads the alias as its canonical name, so the meaning is not in doubt.
      (options.strict ? problems : warnings).push({ code: 'alias-item', params: { item: named.item, canonical, field: named.field }, location: source.locate([...path, ...named.path]) });
    }
  }
  for (const problem of kind.lint?.(check, options.dictionary) ?? []) report([...path, ...problem.path], problem.code, problem.params);
  for (const inner of kind.nested?.(check) ?? []) checkProblems(inner.check, [...path, ...inner.path], true, options, source, problems, warnings);
}
