import { parentPort, workerData } from 'node:worker_threads';
import { encodeChunk } from './encode';
import { buildGeography } from './geography';

/** A generator thread: builds the territory once, then answers chunk indexes with encoded chunks. */
const { households, seed, batch } = workerData as { households: number; seed: number; batch: number };
const geography = buildGeography(households, seed);
parentPort?.on('message', (index: number) => parentPort?.postMessage(encodeChunk(geography, index, batch)));
