// Validate one standard file completely before any survey is read: schema, check kinds and their
// options, fields against the data dictionary, duplicate ids, dates, unsafe patterns. Every problem
// is collected and reported with file:line, not just the first.
import { DabiaoError, type Problem } from '../errors.js';
import type { CheckSpec, Citation, Dictionary, FieldDef, Rule, Scope, Severity, Standard, Text, YearRange } from '../model.js';
import { ownFields, withFields, type FieldData } from './own-fields.js';
import { vocabularyOf } from '../model.js';
import { isIsoDate, neutraliseDeep, normaliseName } from '../text.js';
import { schemaProblems } from './ajv.js';
import { validatorFor } from './schema-validators.js';
import type { KindDefinition } from './kind-definition.js';
import { scopeCode } from './words.js';
import { SEVERITY_WORDS_IN_FILES, STANDARD_SCHEMA } from './schema.js';
import { suggest } from './suggest.js';
import type { DataPath, YamlSource } from './yaml-source.js';


export interface ValidateOptions {
  /** The data dictionary; the standard's own fields (and those of the standard it extends) join it. */
  dictionary: Dictionary;
  /** The standard this one extends, loaded already (load.ts resolves `extends`). */
  base?: Standard;
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
  if (root === null || typeof root !== 'object' || Array.isArray(root) || !('id' in root || 'rules' in root || 'extends' in root)) {
    throw new DabiaoError({ code: 'not-a-standard', params: { start: source.head }, location: { file: source.file, line: 1 } });
  }
  // Every problem of the file at once: the schema's, then whatever can be checked of the rest.
  const problems: Problem[] = [];
  const validateShape = validatorFor(STANDARD_SCHEMA);
  if (!validateShape(source.data)) problems.push(...schemaProblems(validateShape.errors, source));
  // Titles, quotes and notes are printed to terminals and reports: no control characters survive.
  const data = neutraliseDeep(source.data) as StandardData;
  const report = (path: DataPath, code: Problem['code'], params: Problem['params'], key = false): void => {
    problems.push({ code, params, location: source.locate(path, key) });
  };
  const base = options.base;

  if (options.expectedId !== undefined && data.id !== options.expectedId) {
    report(['id'], 'id-mismatch', { id: String(data.id), file: options.expectedId });
  }
  // The standard's own fields join the dictionary (with those of the standard it extends) for its rules.
  let dictionary = withFields(options.dictionary, base?.fields ?? []);
  const fields = ownFields(data.fields, dictionary, report);
  dictionary = withFields(dictionary, fields);
  const checking: ValidateOptions = { ...options, dictionary };

  const written = Array.isArray(data.rules) ? data.rules : [];
  if (written.length === 0 && base === undefined && data.extends === undefined) report([], 'no-rules', {});
  const firstLine = new Map<string, number>();
  for (const rule of base?.rules ?? []) firstLine.set(rule.id, rule.position?.line ?? 0);
  const warnings: Problem[] = [];
  const scopes: (Scope | undefined)[] = [];
  written.forEach((rule, index) => {
    const here: DataPath = ['rules', index];
    if (!isObject(rule)) {
      scopes.push(undefined);
      return;
    }
    if (typeof rule.id === 'string') {
      const first = firstLine.get(rule.id);
      if (first !== undefined) report([...here, 'id'], 'duplicate-rule', { id: rule.id, first });
      else firstLine.set(rule.id, source.locate([...here, 'id']).line ?? 0);
    }
    datesProblems(rule, here, report);
    if (isCheck(rule.check)) checkProblems(rule.check, [...here, 'check'], false, checking, source, problems, warnings);
    scopes.push(scopeOf(rule.scope, [...here, 'scope'], dictionary, report));
    const year = yearOf(rule.year);
    if (year && year.from > year.to) report([...here, 'year'], 'bad-threshold', { rule: 'year-order' });
    if (rule.interpreted === true && rule.interpretation === undefined) report([...here, 'interpreted'], 'interpretation-missing', {});
    if (isCheck(rule.check)) scheduleBounds(rule.check, rule.schedule, here, checking, report);
  });

  // Overrides: each names an inherited rule; a changed check is the inherited one with these options.
  const overrides = Array.isArray(data.overrides) ? data.overrides : [];
  const changed = new Map<string, { override: OverrideData; index: number; check: CheckSpec | undefined; scope: Scope | undefined }>();
  overrides.forEach((override, index) => {
    const here: DataPath = ['overrides', index];
    if (!isObject(override) || typeof override.rule !== 'string') return;
    if (!base) {
      report([...here, 'rule'], 'override-without-extends', {});
      return;
    }
    const inherited = base.rules.find((rule) => rule.id === override.rule);
    if (!inherited) {
      const suggestion = suggest(override.rule, base.rules.map((rule) => rule.id));
      report([...here, 'rule'], 'override-unknown-rule', { base: base.id, rule: override.rule, ...(suggestion ? { suggestion } : {}) });
      return;
    }
    const check = isObject(override.check) ? ({ ...inherited.check, ...override.check } as CheckSpec) : undefined;
    if (check) checkProblems(check, [...here, 'check'], false, checking, source, problems, warnings);
    datesProblems(override, here, report);
    scheduleBounds(check ?? inherited.check, override.schedule, here, checking, report);
    changed.set(override.rule, { override: override as unknown as OverrideData, index, check, scope: override.scope !== undefined ? scopeOf(override.scope, [...here, 'scope'], dictionary, report) : undefined });
  });

  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  const standard = data as ValidStandardData;
  const disabled: NonNullable<Standard['disabled']> = [];
  const inherited: Rule[] = [];
  for (const rule of base?.rules ?? []) {
    // The clause in force in the base, named with the document it is in (the base's own, or further up).
    const from = { standard: base?.id ?? '', citation: { ...rule.citation, document: rule.citation.document ?? base?.source.document ?? '' } };
    const entry = changed.get(rule.id);
    if (!entry) {
      inherited.push({ ...rule, citation: from.citation, inherited: from });
      continue;
    }
    const { override } = entry;
    if (override.disable === true) {
      const reason = textOf(override.reason);
      disabled.push({ rule: rule.id, title: rule.title, citation: override.citation as Citation, ...(reason ? { reason } : {}) });
      continue;
    }
    const position = source.locate(['overrides', entry.index]);
    // The base's reading of its own clause does not carry over to a changed requirement.
    const interpretation = textOf(override.interpretation) ?? (entry.check ? undefined : rule.interpretation);
    inherited.push({
      ...(without(rule, ['interpretation', 'interpreted']) as Omit<Rule, 'interpretation' | 'interpreted'>),
      ...(override.title !== undefined ? { title: titleOf(override.title) } : {}),
      ...(entry.check === undefined && rule.interpreted !== undefined ? { interpreted: rule.interpreted } : {}),
      ...(entry.check ? { check: entry.check } : {}),
      ...(override.severity !== undefined ? { severity: severityOf(override.severity) } : {}),
      ...(entry.scope !== undefined ? { scope: entry.scope } : {}),
      ...(override.year !== undefined ? { year: yearOf(override.year) } : {}),
      ...(override.deadline !== undefined ? { deadline: override.deadline } : {}),
      ...(override.schedule !== undefined ? { schedule: override.schedule } : {}),
      ...(override.interpreted !== undefined ? { interpreted: override.interpreted } : {}),
      ...(interpretation ? { interpretation } : {}),
      citation: override.citation as Citation,
      inherited: from,
      position: { file: source.file, line: position.line ?? 1, col: position.col ?? 1 },
    });
  }
  const rules: Rule[] = written.map((raw, index) => {
    const rule = raw as ValidRuleData;
    const position = source.locate(['rules', index]);
    const scope = scopes[index];
    const year = yearOf(rule.year);
    const interpretation = textOf(rule.interpretation);
    return {
      ...(without(rule, ['scope', 'year', 'interpretation']) as Omit<ValidRuleData, 'scope' | 'year' | 'interpretation'>),
      title: titleOf(rule.title),
      severity: severityOf(rule.severity),
      ...(scope ? { scope } : {}),
      ...(year ? { year } : {}),
      ...(interpretation ? { interpretation } : {}),
      position: { file: source.file, line: position.line ?? 1, col: position.col ?? 1 },
    };
  });
  const notes = textOf(standard.source.notes);
  const allFields = [...(base?.fields ?? []), ...fields];
  return {
    ...(without(standard, ['fields', 'overrides', 'extends', 'rules']) as Omit<ValidStandardData, 'fields' | 'overrides' | 'extends' | 'rules'>),
    title: titleOf(standard.title),
    source: { ...standard.source, ...(notes ? { notes } : { notes: undefined }) },
    rules: [...inherited, ...rules],
    file: source.file,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(allFields.length > 0 ? { fields: allFields } : {}),
    ...(base ? { extends: base.id } : {}),
    ...(disabled.length > 0 ? { disabled } : {}),
  };
}

/** A copy of `object` without `keys`. */
function without(object: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCheck(value: unknown): value is CheckSpec {
  return isObject(value) && typeof value.kind === 'string';
}

/** Deadlines and schedules: real dates, in order. */
function datesProblems(rule: { deadline?: unknown; schedule?: unknown }, here: DataPath, report: (path: DataPath, code: Problem['code'], params: Problem['params']) => void): void {
  if (typeof rule.deadline === 'string' && !isIsoDate(rule.deadline)) report([...here, 'deadline'], 'bad-date', { value: rule.deadline });
  if (!Array.isArray(rule.schedule)) return;
  rule.schedule.forEach((entry: unknown, i: number) => {
    if (!isObject(entry) || typeof entry.due !== 'string') return;
    if (!isIsoDate(entry.due)) report([...here, 'schedule', i, 'due'], 'bad-date', { value: entry.due });
    const previous = (rule.schedule as unknown[])[i - 1];
    if (isObject(previous) && typeof previous.due === 'string' && previous.due >= entry.due) report([...here, 'schedule', i, 'due'], 'schedule-order', {});
  });
}

/** A schedule may only move the bounds the rule's check kind has. */
function scheduleBounds(check: CheckSpec, schedule: unknown, here: DataPath, options: ValidateOptions, report: (path: DataPath, code: Problem['code'], params: Problem['params']) => void): void {
  if (!Array.isArray(schedule)) return;
  const kind = options.kinds.get(check.kind);
  const accepts = (kind?.schema.properties ?? {}) as Record<string, unknown>;
  schedule.forEach((entry: unknown, i: number) => {
    if (!isObject(entry)) return;
    for (const bound of ['min', 'max'] as const) {
      if (entry[bound] !== undefined && !(bound in accepts)) report([...here, 'schedule', i, bound], 'schedule-bound', { kind: check.kind, bound });
    }
  });
}

function severityOf(written: string): Severity {
  return SEVERITY_WORDS_IN_FILES[written as keyof typeof SEVERITY_WORDS_IN_FILES];
}

/** A title with its English falling back to the Chinese. */
function titleOf(written: { zh: string; en?: string }): Text {
  return { zh: written.zh, en: written.en ?? written.zh };
}

/** A standard file's content, before it is known to be valid: every part is checked before use. */
interface StandardData {
  id?: unknown;
  title?: unknown;
  source?: unknown;
  rules?: unknown[];
  fields?: Record<string, FieldData>;
  extends?: unknown;
  overrides?: unknown[];
}

/** A standard file's content once it passed validation. */
interface ValidStandardData {
  id: string;
  title: { zh: string; en?: string };
  source: Omit<Standard['source'], 'notes'> & { notes?: WrittenText };
  rules?: ValidRuleData[];
  fields?: Record<string, FieldData>;
  extends?: string;
  overrides?: OverrideData[];
}

/** An override as written. */
interface OverrideData {
  rule: string;
  title?: { zh: string; en?: string };
  check?: Record<string, unknown>;
  severity?: string;
  scope?: RuleData['scope'];
  year?: RuleData['year'];
  deadline?: string;
  schedule?: Rule['schedule'];
  disable?: boolean;
  reason?: WrittenText;
  citation: unknown;
  interpretation?: WrittenText;
  interpreted?: boolean;
}

type ValidRuleData = Omit<RuleData, 'title' | 'severity'> & { title: { zh: string; en?: string }; severity: string };

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

function yearOf(raw: unknown): YearRange | undefined {
  if (typeof raw === 'number') return { from: raw, to: raw };
  if (isObject(raw) && typeof raw.from === 'number' && typeof raw.to === 'number') return { from: raw.from, to: raw.to };
  return undefined;
}

/** The scope as canonical codes; every field that is not a yes/no or enum field, and every value the
 * field does not know, is a problem at its place. */
function scopeOf(
  raw: unknown,
  path: DataPath,
  dictionary: Dictionary,
  report: (path: DataPath, code: Problem['code'], params: Problem['params'], key?: boolean) => void,
): Scope | undefined {
  if (!isObject(raw)) return undefined;
  const scope: Record<string, string[]> = {};
  for (const [field, written] of Object.entries(raw as Record<string, ScopeWord | ScopeWord[]>)) {
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
