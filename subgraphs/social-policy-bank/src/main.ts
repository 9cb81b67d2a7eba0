import { runMain } from '@gnbv/kit';
import { loadConfig } from './config';
import { createServer } from './server';

runMain('social-policy-bank', loadConfig, createServer);
