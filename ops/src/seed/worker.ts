import { parentPort, workerData } from 'node:worker_threads';
import { encodeChunk, transferables } from './encode';
import { buildGeography, type Geography } from './geography';
import type { ProgrammeVersionRow } from '@gnbv/social-policy-bank';

/**
 * A generator thread: builds the territory once the bank's programme versions arrive (the first
 * message), then answers chunk indexes with encoded chunks, their COPY text transferred (not
 * copied) to the main thread.
 */
const { households, seed, batch } = workerData as { households: number; seed: number; batch: number };
let geography: Geography | undefined;
parentPort?.on('message', (message: number | { programmes: ProgrammeVersionRow[] }) => {
  if (typeof message !== 'number') {
    geography = buildGeography(households, seed, message.programmes);
    return;
  }
  if (!geography) throw new Error('a chunk was asked for before the programme versions');
  const chunk = encodeChunk(geography, message, batch);
  parentPort?.postMessage(chunk, transferables(chunk));
});
