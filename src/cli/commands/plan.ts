// dabiao plan: what a proposed site must have under every selected standard, before anything is built.
import { checkKinds } from '../../engine/checks/index.js';
import { compile } from '../../engine/compile.js';
import { planSite } from '../../engine/plan.js';
import { DabiaoError } from '../../errors.js';
import type { Dictionary, SurveyRecord } from '../../model.js';
import { parseValue } from '../../survey/values.js';
import { makeContext } from '../../report/context.js';
import { planMarkdown, planText } from '../../report/plan-report.js';
import { readTextFile } from '../../standards/load.js';
import { suggest } from '../../standards/suggest.js';
import { parseYaml } from '../../standards/yaml-source.js';
import { HeaderMatcher } from '../../survey/headers.js';
import type { Io } from '../io.js';
import { choice, loadAll, parseAsOf, parseLang } from '../setup.js';
import { PLAN_COMMAND_TEXT } from '../../i18n/command-text.js';
import { PUNCTUATION } from '../../i18n/words.js';

export interface PlanOptions {
  standard: string[];
  level?: string;
  areaType?: string;
  buildType?: string;
  households?: string;
  population?: string;
  set: string[];
  asOf?: string;
  format: string;
  lang?: string;
}

/** A site's figure as its field's type reads it (1200, not "1200"); unreadable text stays text. */
function typedValue(value: unknown, field: string, dictionary: Dictionary): unknown {
  const def = dictionary.fields.get(field);
  if (!def) return value;
  const parsed = parseValue(value, def, dictionary);
  return parsed.ok ? parsed.value : value;
}

export async function plan(siteFile: string | undefined, options: PlanOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const asOf = parseAsOf(options.asOf, io.now());
  choice('--format', options.format, ['table', 'json', 'markdown'] as const);
  // A site is planned for the jurisdictions it belongs to: merging unrelated places' standards would
  // call one county's figure binding in another.
  if (options.standard.length === 0) {
    const bundled = loadAll([]).standards.map((standard) => PLAN_COMMAND_TEXT.offered[lang](standard.id, standard.title[lang]));
    throw new DabiaoError({ code: 'plan-needs-standard', params: { available: bundled.join(PUNCTUATION.listSeparator[lang]) } });
  }
  const { dictionary, standards } = loadAll(options.standard);
  const matcher = new HeaderMatcher(dictionary);
  const values = new Map<string, unknown>();
  const set = (key: string, value: unknown, where: string): void => {
    const field = matcher.match(key);
    if (field === null) {
      const suggestion = matcher.suggest(key) ?? suggest(key, dictionary.fields.keys());
      throw new DabiaoError({ code: 'not-a-field', params: { where, field: key, ...(suggestion ? { suggestion } : {}) } });
    }
    values.set(field, value);
  };
  if (siteFile) {
    const source = parseYaml(readTextFile(siteFile), siteFile);
    if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
      throw new DabiaoError({ code: 'bad-usage', params: { what: 'site-file' }, location: { file: siteFile, line: 1 } });
    }
    for (const [key, value] of Object.entries(source.data)) set(key, value, siteFile);
  }
  const flags: [string, string | undefined][] = [
    ['level', options.level],
    ['area_type', options.areaType],
    ['build_type', options.buildType],
    ['households', options.households],
    ['population', options.population],
  ];
  for (const [field, value] of flags) if (value !== undefined) values.set(field, value);
  for (const pair of options.set) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new DabiaoError({ code: 'bad-usage', params: { what: 'set-pair', value: pair } });
    set(pair.slice(0, at).trim(), pair.slice(at + 1).trim(), '--set');
  }
  const site: SurveyRecord = { file: siteFile ?? 'site', line: 1, values };
  const compiled = compile(standards, { asOf, dictionary, kinds: checkKinds });
  const result = planSite(compiled, site, { kinds: checkKinds, dictionary });
  const described = [...values].map(([field, value]) => `${field}=${String(value)}`).join(', ') || PLAN_COMMAND_TEXT.noFigures[lang];
  if (options.format === 'json') {
    // The check report's conventions: snake_case keys, numbers as numbers.
    const site = Object.fromEntries([...values].map(([field, value]) => [field, typedValue(value, field, dictionary)]));
    const { notYetDue, regionWide, notApplicable, asOf: planAsOf, ...rest } = result;
    await io.stdout.write(`${JSON.stringify({ version: '1', as_of: planAsOf, standards: standards.map((standard) => standard.id), site, ...rest, not_yet_due: notYetDue, region_wide: regionWide, not_applicable: notApplicable }, null, 2)}\n`);
    return 0;
  }
  const context = { ...makeContext({ lang, asOf, dictionary, standards, inputs: [], all: false, maxRecords: 0, color: false }), kinds: checkKinds };
  await io.stdout.write(options.format === 'markdown' ? planMarkdown(result, context, described) : planText(result, context, described));
  // A draft that fails a binding requirement is what CI should notice.
  const failing = result.binding.some((topic) => topic.demands.some((d) => d.draft !== null && d.draft.status !== 'pass'));
  return failing ? 1 : 0;
}
