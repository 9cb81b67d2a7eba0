import { rmSync } from 'node:fs';
import { DATA_DIR } from './paths';

// `npm run reset`: forget the embedded databases; the next `npm start` recreates the demo data.
rmSync(DATA_DIR, { recursive: true, force: true });
process.stdout.write(`removed ${DATA_DIR}\n`);
