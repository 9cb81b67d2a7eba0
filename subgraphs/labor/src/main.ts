import { runMain } from '@gnbv/platform';
import { loadConfig } from './config';
import { createServer } from './server';

runMain('labor', loadConfig, createServer);
