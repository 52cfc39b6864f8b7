// The main thread's young generation held at a worker's size while a file is judged on several threads.
//
// V8 doubles a thread's young generation whenever as much as it holds has survived collections since it
// last grew, up to a maximum fixed when the thread's heap is made: 16 MiB for a worker (its resource
// limit), 32 MiB for the main thread, whose heap Node makes before any of our code runs. Over a long
// run the main thread, judging its share of the chunks, always reaches its maximum: at 1,000,000 rows
// of the 12-rule benchmark it grew from 16 to 32 MiB after about a second, the largest part of what
// made the peak higher than at 100,000 rows. With the main thread's young generation no larger than a
// worker's (Node's `--max-semi-space-size=8`, which a run cannot give itself), the peak was 166-171 MiB
// instead of 187-190, and the run no slower. V8 reads its growth factor at each growth, so a factor of
// 1 once the main thread has reached a worker's size holds it there. Workers start at their full size
// (a minimum given while they are made), so holding the factor does not keep them small.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** V8's own growth factor, put back when the file is judged. */
const DEFAULT_GROWTH_FACTOR = 2;

function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

export class YoungGenerationHold {
  private workersMade = false;
  private held = false;
  private released = false;

  /** `youngMb`: a worker's young generation (two semi-spaces), the size the main thread is held at. */
  constructor(readonly youngMb: number) {}

  /** Before the workers are made: each starts with its young generation at full size. */
  beforeWorkers(): void {
    setFlagsFromString(`--min-semi-space-size=${this.youngMb / 2}`);
  }

  /** Every worker's heap is made (each is online): threads made later start as usual. Making a heap
   * also sets V8's growth factor back to at least 2, so nothing is held before this. */
  workersOnline(): void {
    if (this.released) return;
    setFlagsFromString('--min-semi-space-size=0');
    this.workersMade = true;
  }

  /** After each chunk: the main thread is held once it has grown to a worker's size. */
  check(): void {
    if (!this.workersMade || this.held || this.released) return;
    if (newSpaceBytes() < this.youngMb * 1024 * 1024) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    this.held = true;
  }

  /** The file is judged: V8's own settings again. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (!this.workersMade) setFlagsFromString('--min-semi-space-size=0');
    if (this.held) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
  }
}
