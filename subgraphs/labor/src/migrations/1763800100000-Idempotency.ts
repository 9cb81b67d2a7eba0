import { idempotencyMigration } from '@gnbv/kit';

/** Idempotency keys of the registry's mutations: a re-sent mutation returns its first result. */
export class Idempotency1763800100000 extends idempotencyMigration('Idempotency1763800100000') {}
