import { idempotencyMigration } from '@gnbv/kit';

/** Idempotency keys of the bank's writes (loan lifecycle, savings-group membership). */
export class BankIdempotency1764300300000 extends idempotencyMigration('BankIdempotency1764300300000') {}
