import { appendAudit, appendAuditGrouped } from './append';
import { verifyAuditChain } from './chain';
import { auditTrailMigration } from './migration';
import { captureStatements } from '../testing';
import type { Principal } from '@gnbv/platform';
import { createDataSource } from '../db';
import { startTestDatabase, type TestDatabase } from '../testing';

class AuditTrail1700000000000 extends auditTrailMigration('AuditTrail1700000000000') {}
const principal: Principal = { subject: 'officer-1', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };
const group = (id: string) => ({
  entityType: 'Household',
  entityIds: [id],
  fields: ['Member.fullName'],
  decision: 'allowed' as const,
});

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase((config) => createDataSource(config, [], [AuditTrail1700000000000]));
});
afterAll(() => db?.stop());

describe('the audit chain', () => {
  it('stays one unbroken chain past ten records and under concurrent writers', async () => {
    // Ten and more: the last record must be found by number, not by text ('9' > '10').
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAudit(db.dataSource, { requestId: `request-${1000 + i}`, principal }, [group(`h${i}`)]),
      ),
    );
    const seqs: Array<{ seq: number }> = await db.dataSource.query('SELECT seq::int AS seq FROM audit_record ORDER BY seq');
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db.dataSource)).toEqual({ checked: 25 });
  });

  it("writes concurrent requests' records together, one chain, each request waiting for its own", async () => {
    const before = Number((await db.dataSource.query('SELECT count(*)::int AS n FROM audit_record'))[0].n);
    const { result, statements } = await captureStatements(db.dataSource, () =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          appendAuditGrouped(db.dataSource, { requestId: `grouped-${1000 + i}`, principal }, [
            group(`g${i}`),
            group(`k${i}`),
          ]).then(
            async () =>
              // Settled only once its own records are there.
              (
                await db.dataSource.query('SELECT count(*)::int AS n FROM audit_record WHERE request_id = $1', [
                  `grouped-${1000 + i}`,
                ])
              )[0].n as number,
          ),
        ),
      ),
    );
    expect(result).toEqual(Array.from({ length: 40 }, () => 2));
    expect(await verifyAuditChain(db.dataSource)).toEqual({ checked: before + 80 });
    // 40 requests, far fewer transactions: the first alone, the other 39 queued behind it together.
    const locks = statements.filter((sql) => sql.includes('pg_advisory_xact_lock')).length;
    expect(locks).toBeLessThan(5);
  });

  it('fails every request of a group whose write fails, so none answers unaudited', async () => {
    await db.dataSource.query('ALTER TABLE audit_record RENAME TO audit_record_away');
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          appendAuditGrouped(db.dataSource, { requestId: `lost-${1000 + i}`, principal }, [group(`x${i}`)]),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 5 }, () => 'rejected'));
    } finally {
      await db.dataSource.query('ALTER TABLE audit_record_away RENAME TO audit_record');
    }
    // And the queue recovers.
    await appendAuditGrouped(db.dataSource, { requestId: 'after-failure', principal }, [group('y')]);
  });

  it('reports the first edited record', async () => {
    await db.dataSource.query(`SET session_replication_role = replica`);
    try {
      await db.dataSource.query(`UPDATE audit_record SET fields = '{Member.nationalId}' WHERE seq = 17`);
    } finally {
      await db.dataSource.query(`SET session_replication_role = origin`);
    }
    expect(await verifyAuditChain(db.dataSource)).toEqual({
      checked: 16,
      broken: { seq: 17, reason: 'its content does not match its hash (the record was edited)' },
    });
  });
});
