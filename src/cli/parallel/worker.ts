// A worker thread of the pool: judges the chunks of one file sent to it (see chunk.ts).
import { workerData } from 'piscina';
import { prepare, runChunk, type ChunkOutput, type ChunkSetup } from './chunk.js';

const setup = workerData as ChunkSetup;
const prepared = prepare(setup);

export default function judge(task: { bytes: Uint8Array; firstLine: number }): Promise<ChunkOutput> {
  return runChunk(setup, prepared, task.bytes, task.firstLine);
}
