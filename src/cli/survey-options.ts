// Options every command that reads surveys shares: format, encoding, worksheet, header row, mappings.
import { checkKinds } from '../engine/checks/index.js';
import { DabiaoError } from '../errors.js';
import type { Dictionary, Standard } from '../model.js';
import { suggest } from '../standards/suggest.js';
import { checksWithin } from '../standards/kind-definition.js';
import { readTextFile } from '../standards/load.js';
import { clip, parseYaml } from '../standards/yaml-source.js';
import { encodingNamed, type Encoding } from '../survey/decode.js';
import type { ReadSurveyOptions } from '../survey/read-survey.js';

export interface SurveyCliOptions {
  inputFormat?: string;
  encoding?: string;
  sheet?: string;
  headerRow?: string;
  map?: string[];
  mapFile?: string;
}

function checkField(field: string, dictionary: Dictionary, where: string): string {
  if (dictionary.fields.has(field)) return field;
  const suggestion = suggest(field, dictionary.fields.keys());
  throw new DabiaoError({ code: 'not-a-field', params: { where, field: clip(field), ...(suggestion ? { suggestion } : {}) } });
}

/** Header -> field pairs from --map 'header=field' and a YAML/JSON mapping file of the same pairs. */
export function readMapping(options: SurveyCliOptions, dictionary: Dictionary): Map<string, string> {
  const mapping = new Map<string, string>();
  if (options.mapFile) {
    const source = parseYaml(readTextFile(options.mapFile), options.mapFile);
    const data = source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new DabiaoError({ code: 'bad-usage', params: { what: 'map-file' }, location: { file: options.mapFile, line: 1 } });
    }
    for (const [header, field] of Object.entries(data)) {
      if (typeof field !== 'string') throw new DabiaoError({ code: 'bad-usage', params: { what: 'map-target', value: header }, location: source.locate([header]) });
      mapping.set(header, checkField(field, dictionary, options.mapFile));
    }
  }
  for (const pair of options.map ?? []) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new DabiaoError({ code: 'bad-usage', params: { what: 'map-pair', value: pair } });
    mapping.set(pair.slice(0, at).trim(), checkField(pair.slice(at + 1).trim(), dictionary, '--map'));
  }
  return mapping;
}

/** List fields that checklists of the chosen standards read by item name, with the name endings
 * (一厅七站…: 站, 室) their category checklists accept whatever the name. */
export function itemFields(standards: readonly Standard[], dictionary: Dictionary): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const rule of standards.flatMap((standard) => standard.rules)) {
    for (const { check, kind } of checksWithin(rule.check, checkKinds)) {
      for (const use of kind.fieldsRead(check)) {
        if (!use.byName || dictionary.fields.get(use.field)?.type !== 'list') continue;
        const suffixes = fields.get(use.field) ?? [];
        for (const group of Array.isArray(check.groups) ? (check.groups as { suffix?: string }[]) : []) if (group.suffix) suffixes.push(group.suffix);
        fields.set(use.field, suffixes);
      }
    }
  }
  return fields;
}

/** The encoding `--encoding` names, if given (an unknown name is refused). */
export function encodingOption(options: SurveyCliOptions): Encoding | undefined {
  return options.encoding ? encodingNamed(options.encoding) : undefined;
}

export async function surveyOptions(options: SurveyCliOptions, dictionary: Dictionary, standards: readonly Standard[]): Promise<ReadSurveyOptions> {
  let headerRow: number | undefined;
  if (options.headerRow !== undefined) {
    headerRow = Number(options.headerRow);
    if (!Number.isInteger(headerRow) || headerRow < 1) throw new DabiaoError({ code: 'bad-usage', params: { what: 'header-row' } });
  }
  // In this order, as a run tells its first problem: the mapping, the list fields, then the encoding.
  const mapping = readMapping(options, dictionary);
  const lists = itemFields(standards, dictionary);
  const encoding = encodingOption(options);
  return {
    dictionary,
    mapping,
    itemFields: lists,
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    ...(encoding ? { encoding } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  };
}
