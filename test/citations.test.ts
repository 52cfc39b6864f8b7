// Every rule cites its clause verbatim: each quote must occur in its source document (within its
// article, for the compilation in 004), compared after removing whitespace and the pinyin glosses
// one source carries ("區(qū)").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledIds } from '../src/standards/load.js';
import { standards } from './helpers/engine.js';

const seeds = join(import.meta.dirname, '..', '..', 'shared', 'seeds');
const available = existsSync(seeds);
const ARTICLES = ['篇一', '篇二', '篇三', '篇四', '篇五', '篇六', '篇七'];

export function normaliseQuote(text: string): string {
  return text.replace(/\([a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜ]+\)/g, '').replace(/\s+/g, '');
}

/** The text of one article of a compilation, from its heading to the next one. */
function article(text: string, section: string): string {
  const headings = ARTICLES.map((name) => text.search(new RegExp(`\\d\\.[^\\n]*${name}\\n`)));
  const index = ARTICLES.indexOf(section);
  const start = headings[index] ?? -1;
  if (start === -1) throw new Error(`no ${section} in the source`);
  const end = headings.slice(index + 1).find((position) => position > start) ?? text.length;
  return text.slice(start, end);
}

describe.skipIf(!available)('citations quote their source verbatim', () => {
  for (const standard of standards(bundledIds())) {
    it(`${standard.id}: every quote occurs in ${standard.source.seed ?? '?'}${standard.source.section ? ` ${standard.source.section}` : ''}`, () => {
      expect(standard.source.seed).toBeTruthy();
      let text = readFileSync(join(seeds, standard.source.seed as string), 'utf8');
      if (standard.source.section && ARTICLES.includes(standard.source.section)) text = article(text, standard.source.section);
      const haystack = normaliseQuote(text);
      const missing = standard.rules.flatMap((rule) =>
        (Array.isArray(rule.citation.quote) ? rule.citation.quote : [rule.citation.quote]).filter((quote) => !haystack.includes(normaliseQuote(quote))).map((quote) => `${rule.id}: ${quote}`),
      );
      expect(missing).toEqual([]);
    });
  }

  it('a quote that is not in the source is caught', () => {
    const text = normaliseQuote(readFileSync(join(seeds, '000_7ea552454d7f6e89.txt'), 'utf8'));
    expect(text.includes(normaliseQuote('面積不少于350平方米'))).toBe(true);
    expect(text.includes(normaliseQuote('面積不少于360平方米'))).toBe(false);
  });
});

it.runIf(!available)('citations are not verified: the shared seeds folder is absent', () => {
  console.warn(`skipped: citation check needs the source documents at ${seeds}`);
});
