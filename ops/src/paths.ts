import { dirname, join } from 'node:path';
import { dataDirectory } from '@gnbv/platform';

/** The committed SDLs and supergraph: the `@gnbv/schema` package, found by name, not by climbing folders. */
export const SCHEMA_DIR = dirname(require.resolve('@gnbv/schema/package.json'));
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');
/** This package's own folder (benchmark results are written under it). */
export const OPS_DIR = dirname(require.resolve('@gnbv/ops/package.json'));
/** Development keys and embedded databases: GNBV_DATA_DIR, or `.data` under the working directory. */
export const DATA_DIR = dataDirectory();
