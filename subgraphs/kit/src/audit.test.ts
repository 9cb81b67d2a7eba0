import { appendAudit, auditTrailMigration, verifyAuditChain } from './audit';
import type { Principal } from './core/principal';
import { createDataSource } from './db';
import { startTestDatabase, type TestDatabase } from './testing';

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
