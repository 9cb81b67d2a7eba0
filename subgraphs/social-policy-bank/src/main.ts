import { runMain } from '@gnbv/platform';
import { loadConfig } from './config';
import { createServer } from './server';

runMain('social-policy-bank', loadConfig, createServer);
