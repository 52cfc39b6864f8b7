// Matrix report: one line per record in input order, its id, then one column per rule (standard/rule)
// holding pass, fail, unknown or not_applicable: the sheet an inspector filters in Excel, and a status
// for every record and rule, as a checker written for one survey would give it. UTF-8 with a BOM (so
// Excel reads the Chinese), cells neutralised against formula injection like the CSV report's.
import { STATUS_OF_CODE } from '../engine/status.js';
import { WORDS } from '../i18n/words.js';
import type { ReportFormat, ResultBatch } from './format.js';
import { csvCell } from './escape.js';
import { BufferedSink } from './sink.js';

/** ",pass" … by status code: a line is its id and twelve of these, joined once. */
const CELLS = STATUS_OF_CODE.map((status) => `,${status}`);

/** A batch's lines: the record's id and its status under each per-record rule. */
function renderLines(): (batch: ResultBatch) => string {
  return (part) => {
    const evaluated = part.evaluated;
    if (!evaluated) return '';
    const { batch, statuses } = evaluated;
    const ids = batch.columns.get('id');
    const lines: string[] = new Array<string>(batch.size);
    for (let row = 0; row < batch.size; row++) {
      const id = ids?.type === 'text' ? (ids.values[row] ?? '') : '';
      let line = id === '' || /^[\w.-]+$/.test(id) ? id : csvCell(id);
      for (let rule = 0; rule < statuses.length; rule++) line += CELLS[(statuses[rule] as Uint8Array)[row] as number];
      lines[row] = line;
    }
    return batch.size > 0 ? `${lines.join('\n')}\n` : '';
  };
}

export const matrixFormat: ReportFormat = {
  name: 'matrix',
  extensions: ['.matrix.csv'],
  listsNone: true,
  renderBatch: renderLines,
  create(target, context) {
    const sink = new BufferedSink(target, 1 << 20);
    let started = false;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      // The columns are the per-record rules, in the order the engine's status arrays hold them.
      await sink.write(`\uFEFF${csvCell(WORDS.recordId[context.lang])},${context.recordRules.map((key) => csvCell(key)).join(',')}\n`);
    };
    const render = renderLines();
    const writeRendered = async (text: string): Promise<void> => {
      await start();
      await sink.write(text);
    };
    return {
      write: (part) => writeRendered(render(part)),
      writeRendered,
      async end() {
        await start();
        await sink.flush();
      },
    };
  },
};
