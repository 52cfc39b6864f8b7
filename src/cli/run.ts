// The command-line program. run() returns the exit code; only bin/ sets it on the process.
// Exit codes: 0 every applicable required rule passed; 1 a required rule failed or could not be
// judged; 2 usage error or unreadable/invalid input (one line per problem, no stack trace).
import { Command, CommanderError, Option } from 'commander';
import { DabiaoError } from '../errors.js';
import { renderProblem } from '../i18n/problems.js';
import type { Lang } from '../model.js';
import type { Io } from './io.js';
import { renderErrorLines } from './render-error.js';

const VERSION = '0.1.0';

function langOf(argv: readonly string[], env: Io['env']): Lang {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index === -1 ? env.DABIAO_LANG : argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1];
  return value === 'en' ? 'en' : 'zh';
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Options shared by the commands that read survey files. */
function addSurveyOptions(command: Command): Command {
  return command
    .option('--input-format <format>', 'read every file as csv | json | ndjson | xlsx, whatever its extension')
    .option('--encoding <name>', 'text encoding of CSV/JSON files: utf-8 | utf-16le | utf-16be | gb18030 | gbk (default: detected)')
    .option('--sheet <name>', 'Excel worksheet to read (default: the first)')
    .option('--header-row <n>', 'row holding the column headers (default: found among the first 20 rows)')
    .option('--map <header=field>', 'read a column as a canonical field (repeatable)', collect, [])
    .option('--map-file <file>', 'YAML or JSON file of "header: field" pairs');
}

function program(io: Io, setCode: (code: number) => void): Command {
  const langOption = () => new Option('--lang <lang>', 'language of the output: zh | en').default(io.env.DABIAO_LANG ?? 'zh');
  const standardOption = (what: string) =>
    new Option('-s, --standard <id-or-path>', `${what}: a bundled standard id or a standard YAML file (repeatable; default: all bundled)`).argParser(collect).default([]);
  const root = new Command('dabiao')
    .description('达标 — check community construction surveys against policy standards')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true);

  root
    .command('check')
    .description('check survey files (CSV, Excel, JSON, NDJSON) against standards')
    .argument('<files...>', 'survey files')
    .addOption(standardOption('standards to check against'))
    .option('--as-of <date>', 'evaluate targets in force on this date (YYYY-MM-DD; default: today)')
    .option('--year <year>', 'the year the survey data is for, where records have no 统计年度 column (default: the year of --as-of)')
    .option('-f, --format <format>', 'report format: table | json | html | markdown | csv | matrix | sarif | junit | github (repeatable)', collect, [])
    .option('-o, --output <file>', 'write a report to a file, complete or not at all (repeatable; the format follows the extension when not given)', collect, [])
    .option('--fail-on <what>', 'what makes exit code 1: fail | unknown | guidance', 'unknown')
    .option('--waivers <file>', 'approved exceptions (YAML or JSON): a waived result is counted apart, never as a pass')
    .option('--all', 'list every result, passes and not-applicable ones included (default: failures and unknowns)')
    .option('--max-records <n>', 'records listed in the table before pointing to JSON (0 = all)', '200')
    .option('--threads <n>', 'worker threads for a large CSV or NDJSON file (default: the cores; 1 = none)')
    .addOption(langOption())
    .action(async (files: string[], options) => setCode(await (await import('./commands/check.js')).check(files, options, io)));
  addSurveyOptions(root.commands.at(-1) as Command);

  addSurveyOptions(
    root
      .command('validate')
      .description('check that survey files are well-formed before any rule is judged (exit 0 valid, 1 data errors, 2 unreadable)')
      .argument('<files...>', 'survey files')
      .addOption(standardOption('standards whose fields the file must have'))
      .option('-f, --format <format>', 'table | json', 'table')
      .addOption(langOption()),
  ).action(async (files: string[], options) => setCode(await (await import('./commands/validate.js')).validate(files, options, io)));

  root
    .command('plan')
    .description('what a proposed site must have under every selected standard, and what a draft is short of')
    .argument('[site]', 'YAML or JSON file of the site\'s figures (field: value)')
    .addOption(standardOption('standards to plan against'))
    .option('--level <level>', 'city | county | township | village')
    .option('--area-type <type>', 'urban | rural')
    .option('--build-type <type>', 'new | renovated')
    .option('--households <n>', 'number of households')
    .option('--population <n>', 'population')
    .option('--set <field=value>', 'any other figure or draft value, e.g. service_center_area_m2=320 (repeatable)', collect, [])
    .option('--as-of <date>', 'targets in force on this date (default: today)')
    .option('-f, --format <format>', 'table | json | markdown', 'table')
    .addOption(langOption())
    .action(async (site: string | undefined, options) => setCode(await (await import('./commands/plan.js')).plan(site, options, io)));

  root
    .command('template')
    .description('a blank survey form with exactly the columns the chosen standards read')
    .addOption(standardOption('standards the form is for'))
    .option('-f, --format <format>', 'csv | xlsx', 'csv')
    .option('-o, --output <file>', 'write the form to a file (required for xlsx)')
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/template.js')).template(options, io)));

  root
    .command('fields')
    .description('list the data dictionary: field, labels, type, unit, and which standards read it')
    .addOption(standardOption('standards whose fields are listed with the dictionary\'s (their own fields included)'))
    .option('-f, --format <format>', 'table | json', 'table')
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/fields.js')).fields(options, io)));

  const standards = root.command('standards').description('list, show and compare the standards');
  standards
    .command('list')
    .description('list the bundled standards')
    .option('-f, --format <format>', 'table | json', 'table')
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/standards.js')).listStandards(options, io)));
  standards
    .command('compare')
    .description('a matrix, topic by standard, of what each standard demands')
    .argument('[ids...]', 'standard ids or paths (default: all bundled)')
    .option('-f, --format <format>', 'table | markdown | html | json', 'table')
    .addOption(langOption())
    .action(async (ids: string[], options) => setCode(await (await import('./commands/compare.js')).compare(ids, options, io)));
  standards
    .command('show')
    .description('every rule of a standard with its requirement and citation')
    .argument('<id>', 'standard id or path')
    .option('-f, --format <format>', 'table | json', 'table')
    .addOption(langOption())
    .action(async (id: string, options) => setCode(await (await import('./commands/standards.js')).showStandard(id, options, io)));

  root
    .command('lint')
    .description('validate standard YAML files: every problem of a file at once, with the standards they extend')
    .argument('<files...>', 'standard files')
    .option('-f, --format <format>', 'table | json | sarif | github', 'table')
    .addOption(langOption())
    .action(async (files: string[], options) => setCode(await (await import('./commands/lint.js')).lint(files, options, io)));

  root
    .command('schema')
    .description('print a JSON Schema: standard | dictionary | survey | report')
    .argument('<name>', 'standard | dictionary | survey | report')
    .addOption(standardOption('survey: the standards whose own fields a record may carry'))
    .action(async (name: string, options) => setCode(await (await import('./commands/schema.js')).schema(name, options, io)));

  return root;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const lang = langOf(argv, io.env);
  let code = 0;
  try {
    await program(io, (value) => (code = value)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      const detail = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      await io.stderr.write(`dabiao: ${renderProblem('usage', { detail }, lang)}\n`);
      return 2;
    }
    if (error instanceof DabiaoError) {
      for (const line of renderErrorLines(error, lang)) await io.stderr.write(`${line}\n`);
      return 2;
    }
    // A bug must never look like "a rule failed" (exit 1): report it as an input/tool failure.
    const detail = error instanceof Error ? error.message : String(error);
    await io.stderr.write(`dabiao: ${renderProblem('internal', { detail }, lang)}\n`);
    return 2;
  }
}
