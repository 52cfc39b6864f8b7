// dabiao lint FILE...: validate standard files the way `check` loads them, reporting every problem.
import { checkKinds } from '../../engine/checks/index.js';
import { DabiaoError } from '../../errors.js';
import { loadDictionary, loadStandardFile } from '../../standards/load.js';
import type { Io } from '../io.js';
import { parseLang } from '../setup.js';
import { renderErrorLines } from '../render-error.js';

export async function lint(files: string[], options: { lang?: string }, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const dictionary = loadDictionary();
  let failed = false;
  for (const file of files) {
    try {
      const standard = loadStandardFile(file, { dictionary, kinds: checkKinds, strict: true });
      await io.stdout.write(lang === 'zh' ? `${file}: 有效，${standard.rules.length} 条规则\n` : `${file}: valid, ${standard.rules.length} rules\n`);
    } catch (error) {
      if (!(error instanceof DabiaoError)) throw error;
      failed = true;
      for (const line of renderErrorLines(error, lang)) await io.stderr.write(`${line}\n`);
    }
  }
  return failed ? 2 : 0;
}
