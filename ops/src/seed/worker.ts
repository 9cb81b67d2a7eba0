import { parentPort, workerData } from 'node:worker_threads';
import { encodeChunk, transferables } from './encode';
import { buildGeography } from './geography';

/**
 * A generator thread: builds the territory once, then answers chunk indexes with encoded chunks,
 * their COPY text transferred (not copied) to the main thread.
 */
const { households, seed, batch } = workerData as { households: number; seed: number; batch: number };
const geography = buildGeography(households, seed);
parentPort?.on('message', (index: number) => {
  const chunk = encodeChunk(geography, index, batch);
  parentPort?.postMessage(chunk, transferables(chunk));
});
