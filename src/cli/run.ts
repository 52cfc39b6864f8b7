// The command-line program. run() returns the exit code; only bin/ sets it on the process.
// Exit codes: 0 every applicable required rule passed; 1 a required rule failed or could not be
// judged; 2 usage error or unreadable/invalid input (one line per problem, no stack trace).
import { Command, CommanderError, Option } from 'commander';
import { DabiaoError } from '../errors.js';
import { renderProblem } from '../i18n/problems.js';
import { defaultText, HELP, helpTitle, type HelpKey } from '../i18n/help.js';
import { PUNCTUATION } from '../i18n/words.js';
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
function addSurveyOptions(command: Command, h: (key: HelpKey) => string): Command {
  return command
    .option('--input-format <format>', h('inputFormat'))
    .option('--encoding <name>', h('encoding'))
    .option('--sheet <name>', h('sheet'))
    .option('--header-row <n>', h('headerRow'))
    .option('--map <header=field>', h('map'), collect, [])
    .option('--map-file <file>', h('mapFile'));
}

function program(io: Io, lang: Lang, setCode: (code: number) => void): Command {
  const h = (key: HelpKey): string => HELP[key][lang];
  const langOption = () => new Option('--lang <lang>', h('lang')).default(io.env.DABIAO_LANG ?? 'zh');
  const standardOption = (what: HelpKey) => new Option('-s, --standard <id-or-path>', `${h(what)}${PUNCTUATION.colon[lang]}${h('standard')}`).argParser(collect).default([]);
  // Help in the user's language: commander's section titles and defaults too.
  const helpConfig = {
    styleTitle: (title: string) => helpTitle(title, lang),
    optionDescription: (option: Option) => {
      const value = option.defaultValue as unknown;
      const shown = value === undefined || (Array.isArray(value) && value.length === 0) || value === false ? '' : `${lang === 'zh' ? '' : ' '}${defaultText(String(value), lang)}`;
      return `${option.description}${shown}`;
    },
  };
  const command = (parent: Command, name: string, description: HelpKey): Command =>
    parent.command(name).description(h(description)).helpOption('-h, --help', h('help')).configureHelp(helpConfig);
  const root = new Command('dabiao')
    .description(h('program'))
    .version(VERSION, '-V, --version', h('version'))
    .helpOption('-h, --help', h('help'))
    .helpCommand('help [command]', h('helpCommand'))
    .configureHelp(helpConfig)
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true);

  const check = command(root, 'check', 'check')
    .argument('<files...>', h('surveyFiles'))
    .addOption(standardOption('checkStandard'))
    .option('--as-of <date>', h('asOf'))
    .option('--year <year>', h('year'))
    .option('-f, --format <format>', h('format'), collect, [])
    .option('-o, --output <file>', h('output'), collect, [])
    .option('--fail-on <what>', h('failOn'), 'unknown')
    .option('--waivers <file>', h('waivers'))
    .option('--all', h('all'))
    .option('--max-records <n>', h('maxRecords'), '200')
    .option('-v, --verbose', h('verbose'))
    .option('-q, --quiet', h('quiet'))
    .option('--threads <n>', h('threads'))
    .addOption(langOption());
  addSurveyOptions(check, h)
    .addHelpText('after', h('checkExamples'))
    .action(async (files: string[], options) => setCode(await (await import('./commands/check.js')).check(files, options, io)));

  const validate = command(root, 'validate', 'validate')
    .argument('<files...>', h('surveyFiles'))
    .addOption(standardOption('validateStandard'))
    .option('-f, --format <format>', h('validateFormat'), 'table')
    .addOption(langOption());
  addSurveyOptions(validate, h)
    .addHelpText('after', h('validateExamples'))
    .action(async (files: string[], options) => setCode(await (await import('./commands/validate.js')).validate(files, options, io)));

  command(root, 'plan', 'plan')
    .argument('[site]', h('site'))
    .addOption(standardOption('planStandard'))
    .option('--level <level>', h('level'))
    .option('--area-type <type>', h('areaType'))
    .option('--build-type <type>', h('buildType'))
    .option('--households <n>', h('households'))
    .option('--population <n>', h('population'))
    .option('--set <field=value>', h('set'), collect, [])
    .option('--as-of <date>', h('planAsOf'))
    .option('-f, --format <format>', h('planFormat'), 'table')
    .addOption(langOption())
    .addHelpText('after', h('planExamples'))
    .action(async (site: string | undefined, options) => setCode(await (await import('./commands/plan.js')).plan(site, options, io)));

  command(root, 'template', 'template')
    .addOption(standardOption('templateStandard'))
    .option('-f, --format <format>', h('templateFormat'), 'csv')
    .option('-o, --output <file>', h('templateOutput'))
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/template.js')).template(options, io)));

  command(root, 'fields', 'fields')
    .addOption(standardOption('fieldsStandard'))
    .option('-f, --format <format>', h('tableOrJson'), 'table')
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/fields.js')).fields(options, io)));

  const standards = command(root, 'standards', 'standards').helpCommand('help [command]', h('helpCommand'));
  command(standards, 'list', 'standardsList')
    .option('-f, --format <format>', h('tableOrJson'), 'table')
    .addOption(langOption())
    .action(async (options) => setCode(await (await import('./commands/standards.js')).listStandards(options, io)));
  command(standards, 'compare', 'standardsCompare')
    .argument('[ids...]', h('compareIds'))
    .option('-f, --format <format>', h('compareFormat'), 'table')
    .addOption(langOption())
    .action(async (ids: string[], options) => setCode(await (await import('./commands/compare.js')).compare(ids, options, io)));
  command(standards, 'show', 'standardsShow')
    .argument('<id>', h('showId'))
    .option('-f, --format <format>', h('tableOrJson'), 'table')
    .addOption(langOption())
    .action(async (id: string, options) => setCode(await (await import('./commands/standards.js')).showStandard(id, options, io)));

  command(root, 'lint', 'lint')
    .argument('<files...>', h('lintFiles'))
    .option('-f, --format <format>', h('lintFormat'), 'table')
    .addOption(langOption())
    .action(async (files: string[], options) => setCode(await (await import('./commands/lint.js')).lint(files, options, io)));

  command(root, 'schema', 'schema')
    .argument('<name>', h('schemaName'))
    .addOption(standardOption('schemaStandard'))
    .action(async (name: string, options) => setCode(await (await import('./commands/schema.js')).schema(name, options, io)));

  return root;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const lang = langOf(argv, io.env);
  let code = 0;
  try {
    await program(io, lang, (value) => (code = value)).parseAsync([...argv], { from: 'user' });
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
