import { resolve } from 'node:path';

/** The repository root (ops/dist/.. or ops/src/..). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SCHEMA_DIR = resolve(REPO_ROOT, 'schema');
export const SUPERGRAPH_FILE = resolve(SCHEMA_DIR, 'supergraph.graphql');
export const DATA_DIR = resolve(REPO_ROOT, '.data');
