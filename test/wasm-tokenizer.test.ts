// The WebAssembly CSV tokenizer (tokenize.wat through wasm-tokenizer.ts): the tables written out here by
// hand, then the same table, consumed text, next line, limit and error as the JavaScript tokenizer over
// thousands of generated texts (quoted cells it reads itself and ones it leaves to JavaScript, line
// ends, blank lines, records cut short, bounded blocks).
import { describe, expect, it } from 'vitest';
import { DabiaoError } from '../src/errors.js';
import { tokenize, type Tokenized } from '../src/survey/cell-table.js';
import { tokenizeLatin1, WASM_TEXT_LIMIT, wasmTokenizerLoaded } from '../src/survey/wasm-tokenizer.js';

/** A table as plain data: each record's line and cells as texts, then what was consumed. */
function shape(result: Tokenized): { records: { line: number; cells: string[] }[]; consumed: number; nextLine: number; limited: boolean } {
  const { table } = result;
  const records = Array.from({ length: table.rows }, (_, row) => {
    const cells: string[] = [];
    for (let cell = table.rowStart[row] as number; cell < (table.rowStart[row + 1] as number); cell++) {
      cells.push(table.unescaped.get(cell) ?? table.text.slice(table.cellStart[cell], table.cellEnd[cell]));
    }
    return { line: table.lines[row] as number, cells };
  });
  return { records, consumed: result.consumed, nextLine: result.nextLine, limited: result.limited };
}

/** Everything a tokenizer gives for a text, or its error's code and line. */
function outcome(split: typeof tokenize, text: string, line: number, final: boolean, maxRows: number): string {
  try {
    const result = split(text, line, final, 'f.csv', maxRows);
    const { table } = result;
    return JSON.stringify([table.rows, [...table.lines], [...table.rowStart], [...table.cellStart], [...table.cellEnd], [...table.unescaped], result.consumed, result.nextLine, result.limited]);
  } catch (error) {
    if (!(error instanceof DabiaoError)) throw error;
    const problem = error.problems[0];
    return `${problem?.code} at line ${problem?.location?.line}`;
  }
}

describe('the WebAssembly tokenizer', () => {
  it('is built and in use (so the tests below exercise it)', () => {
    expect(wasmTokenizerLoaded()).toBe(true);
  });

  it('splits records at line feeds and cells at commas, across 16-byte steps', () => {
    const long = 'x'.repeat(37);
    const text = `id,name,level\n1,${long},village\r\n\n2,,\n`;
    expect(shape(tokenizeLatin1(text, 1, false, 'f.csv'))).toEqual({
      records: [
        { line: 1, cells: ['id', 'name', 'level'] },
        { line: 2, cells: ['1', long, 'village'] },
        { line: 4, cells: ['2', '', ''] },
      ],
      consumed: text.length,
      nextLine: 5,
      limited: false,
    });
  });

  it('leaves a last record without a line feed unread unless the text ends the file', () => {
    const text = 'a,b\nc,d';
    expect(shape(tokenizeLatin1(text, 7, false, 'f.csv'))).toEqual({ records: [{ line: 7, cells: ['a', 'b'] }], consumed: 4, nextLine: 8, limited: false });
    expect(shape(tokenizeLatin1(text, 7, true, 'f.csv'))).toEqual({
      records: [
        { line: 7, cells: ['a', 'b'] },
        { line: 8, cells: ['c', 'd'] },
      ],
      consumed: 7,
      nextLine: 9,
      limited: false,
    });
    expect(shape(tokenizeLatin1('a,b\r', 3, true, 'f.csv'))).toEqual({ records: [{ line: 3, cells: ['a', 'b'] }], consumed: 4, nextLine: 4, limited: false });
  });

  it('reads quoted cells, simple ones and ones with doubled quotes or line breaks', () => {
    const text = '1,"Township, north",2\r\n"a""b",x\n"two\nlines",y\n"",z\n';
    expect(shape(tokenizeLatin1(text, 10, false, 'f.csv'))).toEqual({
      records: [
        { line: 10, cells: ['1', 'Township, north', '2'] },
        { line: 11, cells: ['a"b', 'x'] },
        { line: 12, cells: ['two\nlines', 'y'] },
        { line: 14, cells: ['', 'z'] },
      ],
      consumed: text.length,
      nextLine: 15,
      limited: false,
    });
  });

  it('undoes doubled quotes once, in a record it reads and in one it leaves to JavaScript', () => {
    // The first record's second cell holds a line break: JavaScript reads the whole record again.
    const text = '"a""b","c\nd"\n"e""f",g\n';
    const result = tokenizeLatin1(text, 1, false, 'f.csv');
    expect(shape(result).records).toEqual([
      { line: 1, cells: ['a"b', 'c\nd'] },
      { line: 3, cells: ['e"f', 'g'] },
    ]);
    expect([...result.table.unescaped]).toEqual([
      [0, 'a"b'],
      [2, 'e"f'],
    ]);
    // Cut inside such a record: nothing of it is listed.
    const cut = tokenizeLatin1('x,1\n"a""b","c\nd', 1, false, 'f.csv');
    expect(shape(cut).records).toEqual([{ line: 1, cells: ['x', '1'] }]);
    expect(cut.table.unescaped.size).toBe(0);
  });

  it('stops after the records asked for, at a record boundary, and says so', () => {
    const text = 'a,1\n"b,c",2\nd,3\n';
    expect(shape(tokenizeLatin1(text, 1, false, 'f.csv', 2))).toEqual({
      records: [
        { line: 1, cells: ['a', '1'] },
        { line: 2, cells: ['b,c', '2'] },
      ],
      consumed: 12,
      nextLine: 3,
      limited: true,
    });
    expect(shape(tokenizeLatin1('\n\na,1\n', 1, false, 'f.csv', 0))).toEqual({ records: [], consumed: 0, nextLine: 1, limited: true });
  });

  it('refuses a malformed quote or an unclosed one at its record’s line, as the JavaScript tokenizer does', () => {
    for (const [text, final, expected] of [
      ['a,b\nc,d"e\n', false, 'survey-malformed at line 6'],
      ['a\n"b"c,d\n', false, 'survey-malformed at line 6'],
      ['a\n"open,\nstill open', true, 'csv-unclosed-quote at line 6'],
    ] as const) {
      expect(outcome(tokenizeLatin1, text, 5, final, Number.POSITIVE_INFINITY)).toBe(expected);
      expect(outcome(tokenize, text, 5, final, Number.POSITIVE_INFINITY)).toBe(expected);
    }
    // Cut inside a quoted cell, not at the end of the file: read again with the next text.
    expect(shape(tokenizeLatin1('a,1\n"b,\nc', 1, false, 'f.csv'))).toEqual({ records: [{ line: 1, cells: ['a', '1'] }], consumed: 4, nextLine: 2, limited: false });
  });

  it('splits a text longer than its memory holds in JavaScript, to the same table', () => {
    const record = `${'y'.repeat(60)},1\n`;
    const text = record.repeat(Math.ceil((WASM_TEXT_LIMIT + 1) / record.length));
    expect(text.length).toBeGreaterThan(WASM_TEXT_LIMIT);
    const result = tokenizeLatin1(text, 1, false, 'f.csv');
    expect([result.table.rows, result.consumed, result.nextLine]).toEqual([text.length / record.length, text.length, text.length / record.length + 1]);
    expect(outcome(tokenizeLatin1, text, 1, false, Number.POSITIVE_INFINITY)).toBe(outcome(tokenize, text, 1, false, Number.POSITIVE_INFINITY));
  });

  it('gives what the JavaScript tokenizer gives over 5,000 generated texts', () => {
    let seed = 20261202;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const plain = ['', 'a', 'village', '12.5', '\u00e5\u00a4\u00a7', ' ', 'xyz'.repeat(11), 'b b'];
    const quoted = [`"${'abc, '.repeat(9)}"`, '"x,y"', '"a""b"', '"line\nbreak"', '""', '"\u00e9,\r\n"', '"q"'];
    const ends = ['\n', '\n', '\n', '\r\n', '\n\n', '\r\n\r\n', '\n\r\n'];
    let records = 0;
    let errors = 0;
    for (let k = 0; k < 5000; k++) {
      let text = random() < 0.2 ? pick(ends) : '';
      const count = Math.floor(random() * 8);
      for (let r = 0; r < count; r++) {
        const cells = Array.from({ length: 1 + Math.floor(random() * 5) }, () => (random() < 0.15 ? pick(quoted) : pick(plain)));
        text += cells.join(',') + (r < count - 1 || random() < 0.6 ? pick(ends) : '');
      }
      if (random() < 0.05) text = text.slice(0, Math.floor(random() * text.length)) + pick(['"', 'a"b', '"x"y']);
      if (random() < 0.3) text = text.slice(0, Math.floor(random() * (text.length + 1)));
      const final = random() < 0.5;
      const maxRows = random() < 0.3 ? Math.floor(random() * 5) : Number.POSITIVE_INFINITY;
      const line = 1 + Math.floor(random() * 5);
      const expected = outcome(tokenize, text, line, final, maxRows);
      expect(outcome(tokenizeLatin1, text, line, final, maxRows), JSON.stringify({ text, line, final, maxRows })).toBe(expected);
      if (expected.startsWith('[')) records += (JSON.parse(expected) as [number])[0];
      else errors++;
    }
    // The texts were of every kind: many records, and some refused.
    expect(records).toBeGreaterThan(8000);
    expect(errors).toBeGreaterThan(100);
  });
});
