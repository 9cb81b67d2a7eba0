import { readFileSync } from 'node:fs';
import { runMain } from '@gnbv/platform';
import { defaultSupergraphPath, loadConfig } from './config';
import { createGateway, supergraphSubgraphs } from './server';

runMain(
  'gateway',
  () => loadConfig(supergraphSubgraphs(readFileSync(defaultSupergraphPath(), 'utf8')).map((s) => s.name)),
  (config) => createGateway(config),
);
