// Every sentence a user reads has one home, src/i18n/: a report or command that words its own text
// inline cannot be reviewed, or translated, beside the rest. What remains outside is named here: the
// words the readers recognise in surveys and standards (是/否, 合计, 待定 …), and the check kinds, each
// of which words its own requirement in its own file so that adding a kind stays one file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

/** Chinese characters and the punctuation of Chinese sentences (，。：；（）！？、「」). Curly quotes are
 * not among them: reports put them around a clause quoted verbatim, in either language. */
const CHINESE = /[\u4e00-\u9fff\u3000-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The string and template texts of a file holding Chinese (comments and regular expressions aside). */
function chineseTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (CHINESE.test(node.text)) found.push(node.text);
    }
    // A key written in Chinese is a word a standard file may use (必须: required).
    if (ts.isIdentifier(node) && CHINESE.test(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Files outside src/i18n/ that may hold Chinese text, and why. */
const VOCABULARY = [
  'src/standards/schema.ts', // severity words a standard file may use (必须, 指导)
  'src/standards/validate.ts', // the yes/no words a standard's scope may use, named when one is wrong
  'src/standards/words.ts', // yes/no words recognised in surveys
  'src/survey/footer.ts', // total, signature and example rows recognised below a table
  'src/survey/values.ts', // placeholders, empty-list words and Chinese numerals recognised in cells
];

describe('user-facing text lives in src/i18n/', () => {
  it('no report, command or reader words a sentence of its own, outside the vocabularies named', () => {
    const holders = sourceFiles(src)
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !file.startsWith('src/i18n/') && !file.startsWith('src/engine/checks/'))
      .filter((file) => chineseTexts(join(root, file)).length > 0)
      .sort();
    expect(holders).toEqual(VOCABULARY);
  });

  it('finds Chinese in a string, a template and a key, and not in a comment or a regular expression', () => {
    const texts = chineseTexts(join(root, 'src', 'survey', 'footer.ts'));
    expect(texts).toContain('合计');
    expect(texts).toContain('示例');
    // The end of the template that builds the footer expression: `^(?:${words})(?:$|[\s:：])`.
    expect(texts).toContain(')(?:$|[\\s:：])');
    // footer.ts also holds Chinese in a regular expression (/^(?:示例|样例 …/), which is not text to read.
    expect(texts.some((text) => text.includes('样例'))).toBe(false);
    expect(chineseTexts(join(root, 'src', 'standards', 'schema.ts'))).toEqual(['必须', '指导']);
  });

  it('English output carries English punctuation: help, the HTML report and the Markdown report', async () => {
    const help = await cli(['check', '--help', '--lang', 'en']);
    expect(help.stdout).toContain('standards to check against: a bundled standard id');
    expect(help.stdout).not.toContain('：');
    const survey = join(root, 'fixtures', 'sample-survey.csv');
    const html = await cli(['check', survey, '-s', 'xishan-2008', '-f', 'html', '--lang', 'en', '--as-of', '2026-12-01']);
    expect(html.code).toBe(1);
    expect(html.stdout).toContain('<span>Inspector: </span><span>Date: </span><span>Opinion: </span>');
    expect(html.stdout).toMatch(/<p>Region: [^<]+ <span class="muted">/);
    expect(html.stdout).not.toContain('Region：');
    const markdown = await cli(['check', survey, '-s', 'xishan-2008', '-f', 'markdown', '--lang', 'en', '--as-of', '2026-12-01']);
    expect(markdown.code).toBe(1);
    // The clause column: its section, a colon, then the quoted text (Chinese, as the source has it).
    expect(markdown.stdout).toMatch(/\| [^|]+: “[^|]+” \|\n/);
    expect(markdown.stdout).not.toMatch(/\| [^|]+：“[^|]+” \|\n/);
  });
});
