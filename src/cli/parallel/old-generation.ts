// The main thread's old generation collected once it has grown by a bounded amount while a file is
// judged on several threads.
//
// The main thread promotes little (about 0.2 MB a collection of its young generation over wide records,
// the worker ten times as much), so V8, which lets an old generation grow to several times what it
// held after its last collection before collecting it again, collected the main thread's only every
// 20 seconds or so: over every standard at 1,000,000 records it grew from 16 to 51 MiB of which 12 were
// live, and the run's peak was 256-278 MiB against 229-235 at 100,000 records. V8's own growth factor is
// one setting for every thread (a factor of 1.5 for all kept that run at 210 MiB but made it 35%
// slower: the worker, which promotes most, collected far more often), so the main thread is collected
// here instead, by the collector a script can be given.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Growth of the old generation past its lowest since the last collection that calls for one. */
const GROWTH_BYTES = 16 * 1024 * 1024;
/** Time between two collections at least. A full collection makes V8 drop the main thread's optimised
 * code that refers to objects of chunks gone by, and compile it again: over the JSON report at 300,000
 * rows, whose main thread promotes far more, a collection every 0.4 s cost 587 such deoptimisations
 * and 15% of the run. */
const INTERVAL_MS = 2000;

/** Bytes in the spaces of the old generation (objects promoted from the young one end up here). */
function oldGenerationBytes(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'old_space' || space.space_name === 'large_object_space') used += space.space_used_size;
  return used;
}

let collector: (() => void) | undefined;

/** V8's full collection, as `--expose-gc` gives it to a new context. */
function collect(): void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  collector();
}

export class OldGenerationLimit {
  private lowest = oldGenerationBytes();
  private last = Number.NEGATIVE_INFINITY;
  /** Collections made here (tests). */
  collections = 0;

  constructor(
    private readonly growth = GROWTH_BYTES,
    private readonly interval = INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** After each chunk the main thread judges: a collection once the old generation has grown enough,
   * and not sooner than `interval` after the last. */
  check(): void {
    const used = oldGenerationBytes();
    if (used < this.lowest) this.lowest = used;
    if (used < this.lowest + this.growth) return;
    const at = this.now();
    if (at - this.last < this.interval) return;
    collect();
    this.last = at;
    this.collections++;
    this.lowest = oldGenerationBytes();
  }
}
