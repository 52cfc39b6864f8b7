// Free text read from undecoded CSV bytes: a text that repeats (a region) is decoded once per distinct
// value; texts that do not (names) are decoded once each and not remembered; both read right throughout.
import { describe, expect, it } from 'vitest';
import { CELL_OK } from '../src/batch.js';
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
