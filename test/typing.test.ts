// Free text read from undecoded CSV bytes: a text that repeats (a region) is decoded once per distinct
// value; texts that do not (names) are decoded once each and not remembered; both read right throughout.
import { describe, expect, it } from 'vitest';
import { CELL_OK, CELL_UNPARSEABLE } from '../src/batch.js';
import { Parsers } from '../src/survey/typing.js';
import { dictionary } from './helpers/engine.js';

/** A block of UTF-8 cells as the CSV reader holds it (a byte a character), with each cell's span. */
function block(cells: readonly string[]): { text: string; spans: [number, number][]; decode: (start: number, end: number) => string; decoded: () => number } {
  let text = '';
  const spans: [number, number][] = [];
  for (const cell of cells) {
    const bytes = Buffer.from(cell, 'utf8').toString('latin1');
    spans.push([text.length, text.length + bytes.length]);
    text += `${bytes},`;
  }
  let count = 0;
  const decode = (start: number, end: number): string => {
    count++;
    return Buffer.from(text.slice(start, end), 'latin1').toString('utf8');
  };
  return { text, spans, decode, decoded: () => count };
}

describe('free text from undecoded bytes', () => {
  it('decodes a repeating region once per distinct value, past the first cells looked at', () => {
    const regions = Array.from({ length: 3000 }, (_, i) => ['东港镇', '锡北镇', '羊尖镇'][i % 3] as string);
    const { text, spans, decode, decoded } = block(regions);
    const parser = new Parsers(dictionary()).get('region');
    const read = spans.map(([start, end]) => parser?.cellFromBytes(text, decode, start, end));
    expect(read.map((cell) => cell?.text)).toEqual(regions);
    expect(read.every((cell) => cell?.state === CELL_OK)).toBe(true);
    expect(decoded()).toBe(3);
  });

  it('decodes names that never repeat once each, and reads them right after it stops remembering them', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `第${i}村社区服务中心`);
    // The same name again late in the file: read right, decoded again (names are no longer remembered).
    names.push('第7村社区服务中心');
    const { text, spans, decode, decoded } = block(names);
    const parser = new Parsers(dictionary()).get('name');
    const read = spans.map(([start, end]) => parser?.cellFromBytes(text, decode, start, end)?.text);
    expect(read).toEqual(names);
    expect(decoded()).toBe(3001);
  });
});

describe('yes/no and enum words from undecoded bytes', () => {
  it('finds a field’s first eight long words in place, byte for byte, and reads later ones through the memo', () => {
    const words = ['subdistrict', 'development_zone', 'subdistricu', 'other-type-1', 'other-type-2', 'other-type-3', 'other-type-4', 'other-type-5', 'other-type-6'];
    const first = block(words);
    const parser = new Parsers(dictionary()).get('township_type');
    if (!parser) throw new Error('township_type is not in the dictionary');
    const read = first.spans.map(([start, end]) => parser.cellFromBytes(first.text, first.decode, start, end));
    expect(read.map((cell) => [cell.state, cell.value])).toEqual([[CELL_OK, 2], [CELL_OK, 3], ...Array.from({ length: 7 }, () => [CELL_UNPARSEABLE, 0])]);
    expect(read[2]?.raw).toBe('subdistricu');
    // Another block, the words at other offsets, with a longer word first.
    const again = block(['a-cell-longer-than-any-word', 'other-type-6', 'subdistricu', 'subdistrict', 'development_zone', 'other-type-5']);
    const seen = again.spans.map(([start, end]) => parser.seenWord(again.text, start, end));
    expect(seen[0]).toBeUndefined();
    // The ninth distinct word is not held: read through the memo instead.
    expect(seen[1]).toBeUndefined();
    expect(parser.seen(again.text, ...(again.spans[1] as [number, number]))).toBe(read[8]);
    expect(seen[2]).toBe(read[2]);
    expect(seen[3]).toBe(read[0]);
    expect(seen[4]).toBe(read[1]);
    expect(seen[5]).toBe(read[7]);
    expect(again.decoded()).toBe(0);
  });
});
