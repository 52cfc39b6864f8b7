// A progress bar on stderr for runs that take more than a second, only on a terminal, and only when
// no report is being printed to that terminal at the same time.
import { stat } from 'node:fs/promises';
import type cliProgress from 'cli-progress';
import type { Lang } from '../model.js';
import { PROGRESS_TEXT } from '../i18n/command-text.js';

export interface Progress {
  bytes(read: number): void;
  /** Records judged since the last call. */
  records(count: number): void;
  stop(): void;
}

const NONE: Progress = { bytes: () => undefined, records: () => undefined, stop: () => undefined };
const DELAY_MS = 1000;

export async function startProgress(stream: NodeJS.WriteStream | undefined, files: readonly string[], lang: Lang): Promise<Progress> {
  if (!stream) return NONE;
  let total = 0;
  for (const file of files) total += await stat(file).then((info) => info.size).catch(() => 0);
  let read = 0;
  let records = 0;
  // Loaded only where a bar may be drawn (a terminal on stderr).
  const { default: bars } = await import('cli-progress');
  let bar: cliProgress.SingleBar | undefined;
  const label = PROGRESS_TEXT.records[lang];
  const timer = setTimeout(() => {
    bar = new bars.SingleBar(
      { stream, format: ` {bar} {percentage}% | {records} ${label}`, hideCursor: true, clearOnComplete: true, barsize: 30 },
      bars.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), read, { records });
  }, DELAY_MS);
  timer.unref();
  return {
    bytes(value) {
      read = value;
      bar?.update(read, { records });
    },
    records(count) {
      records += count;
      bar?.update(read, { records });
    },
    stop() {
      clearTimeout(timer);
      bar?.stop();
    },
  };
}
