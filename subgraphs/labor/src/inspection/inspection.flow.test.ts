import { randomUUID } from 'node:crypto';
import {
  errorCodes as codes,
  schemaRunner,
  startTestDatabase,
  TEST_ANALYST,
  TEST_BANK_SERVICE,
  testPrincipal,
  type SchemaRunner,
  type TestDatabase,
  type TestIdentity,
} from '@gnbv/kit/testing';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { createLoaders } from '../context';
import { laborDataSource } from '../data-source';
import { todayInVietnam } from '@gnbv/kit';
import { buildLaborSchema } from '../schema';

const MISSING = '99999999-9999-4999-8999-999999999999';
let db: TestDatabase;
let run: SchemaRunner;

// The province's inspection team (a labor officer of province 11), and others to test scope and roles.
const PROVINCE_TEAM: TestIdentity = { principal: testPrincipal({ subject: 'doan-kiem-tra-11', scope: ['11'] }) };
const STEERING_OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'bcd-tinh-11', agency: 'steering-committee', scope: ['11'] }),
  purpose: undefined,
};
const COMMUNE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-xa', scope: ['03160'] }) };
const OTHER_COMMUNE_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-pa-khoang', scope: ['03163'] }) };
const LAI_CHAU_OFFICER: TestIdentity = { principal: testPrincipal({ subject: 'can-bo-lai-chau', scope: ['12'] }) };
const AGRICULTURE_OFFICER: TestIdentity = {
  principal: testPrincipal({ subject: 'agriculture-officer', agency: 'agriculture' }),
  purpose: 'support-delivery',
};
const ANALYST: TestIdentity = { ...TEST_ANALYST, purpose: 'statistics' };

const RECORD = `mutation($commune: String!, $startedOn: Date!, $endedOn: Date!, $team: InspectionTeamInput!, $notes: String, $k: String!) {
  recordInspection(communeCode: $commune, startedOn: $startedOn, endedOn: $endedOn, team: $team, notes: $notes, idempotencyKey: $k) {
    id startedOn endedOn notes commune { code name } team { lead { name agency role } members { name agency role } } findings { id } } }`;
const FINDING = `mutation($i: ID!, $c: FindingCategory!, $s: FindingSeverity!, $d: String!, $k: String!) {
  addInspectionFinding(inspectionId: $i, category: $c, severity: $s, description: $d, idempotencyKey: $k) {
    id category severity description inspection { id } actions { id } } }`;
const ACTION = `mutation($f: ID!, $o: String!, $due: Date!, $d: String!, $k: String!) {
  addFollowUpAction(findingId: $f, responsibleOffice: $o, dueOn: $due, description: $d, idempotencyKey: $k) {
    id status dueOn overdue responsibleOffice finding { id } } }`;
const UPDATE = `mutation($a: ID!, $s: FollowUpStatus!, $note: String, $reason: String, $k: String!) {
  updateFollowUpAction(actionId: $a, status: $s, note: $note, reason: $reason, idempotencyKey: $k) {
    id status statusNote completedOn cancellationReason overdue } }`;

const key = () => randomUUID();
const TEAM = {
  lead: { name: 'Nguyễn Văn An', agency: 'Sở Nông nghiệp và Môi trường', role: 'Phó Giám đốc Sở, trưởng đoàn' },
  members: [
    { name: 'Lò Thị Hoa', agency: 'Ban Dân tộc tỉnh' },
    { name: 'Trần Minh Đức', agency: 'Ngân hàng Chính sách xã hội tỉnh', role: 'Cán bộ tín dụng' },
  ],
};

async function ok(source: string, variables: Record<string, unknown>, identity: TestIdentity = PROVINCE_TEAM) {
  const res = await run(source, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, Record<string, unknown>>;
}
async function record(commune: string, startedOn: string, endedOn = startedOn, identity: TestIdentity = {}) {
  const data = await ok(RECORD, { commune, startedOn, endedOn, team: TEAM, k: key() }, identity);
  return data.recordInspection!.id as string;
}
async function addFinding(inspection: string, category = 'LOAN_USE', severity = 'HIGH') {
  const data = await ok(FINDING, { i: inspection, c: category, s: severity, d: 'Vốn vay sử dụng sai mục đích', k: key() }, {});
  return data.addInspectionFinding!.id as string;
}
async function addAction(finding: string, dueOn: string) {
  const data = await ok(ACTION, { f: finding, o: 'UBND xã', due: dueOn, d: 'Thu hồi vốn vay', k: key() }, {});
  return data.addFollowUpAction!.id as string;
}
const update = (action: string, status: string, extra: { note?: string; reason?: string } = {}, identity: TestIdentity = {}) =>
  run(UPDATE, { a: action, s: status, ...extra, k: key() }, identity);

beforeAll(async () => {
  db = await startTestDatabase(laborDataSource);
  run = schemaRunner((await buildLaborSchema()).schema, db.dataSource, createLoaders);
  await db.dataSource.getRepository(AdminUnit).insert([
    { code: '11', name: 'Tỉnh Điện Biên', level: 'PROVINCE' as never, parentCode: null },
    { code: '03160', name: 'Xã Mường Phăng', level: 'COMMUNE' as never, parentCode: '11' },
    { code: '03163', name: 'Xã Pá Khoang', level: 'COMMUNE' as never, parentCode: '11' },
    { code: '12', name: 'Tỉnh Lai Châu', level: 'PROVINCE' as never, parentCode: null },
    { code: '03390', name: 'Xã Bản Giang', level: 'COMMUNE' as never, parentCode: '12' },
    { code: '14', name: 'Tỉnh Sơn La', level: 'PROVINCE' as never, parentCode: null },
    { code: '04000', name: 'Xã Chiềng Cơi', level: 'COMMUNE' as never, parentCode: '14' },
  ]);
});
afterAll(() => db?.stop());

describe('an inspection through the graph', () => {
  it('records the inspection, its findings and follow-up actions, and follows an action to DONE', async () => {
    const recorded = await ok(RECORD, {
      commune: '03160',
      startedOn: '2024-11-25',
      endedOn: '2024-11-28',
      team: TEAM,
      notes: '  Kiểm tra việc thực hiện Dự án 3 và Dự án 6 năm 2024  ',
      k: key(),
    });
    const inspection = recorded.recordInspection as { id: string };
    expect(recorded.recordInspection).toEqual({
      id: inspection.id,
      startedOn: '2024-11-25',
      endedOn: '2024-11-28',
      notes: 'Kiểm tra việc thực hiện Dự án 3 và Dự án 6 năm 2024',
      commune: { code: '03160', name: 'Xã Mường Phăng' },
      team: {
        lead: TEAM.lead,
        members: [
          { name: 'Lò Thị Hoa', agency: 'Ban Dân tộc tỉnh', role: null },
          { name: 'Trần Minh Đức', agency: 'Ngân hàng Chính sách xã hội tỉnh', role: 'Cán bộ tín dụng' },
        ],
      },
      findings: [],
    });

    const finding = await ok(
      FINDING,
      { i: inspection.id, c: 'LOAN_USE', s: 'HIGH', d: 'Hai hộ dùng vốn vay sai mục đích', k: key() },
      STEERING_OFFICER,
    );
    const findingId = (finding.addInspectionFinding as { id: string }).id;
    expect(finding.addInspectionFinding).toEqual({
      id: findingId,
      category: 'LOAN_USE',
      severity: 'HIGH',
      description: 'Hai hộ dùng vốn vay sai mục đích',
      inspection: { id: inspection.id },
      actions: [],
    });

    const added = await ok(ACTION, { f: findingId, o: 'Phòng Giao dịch NHCSXH', due: '2099-01-31', d: 'Thu hồi vốn', k: key() });
    const action = added.addFollowUpAction as { id: string };
    expect(added.addFollowUpAction).toEqual({
      id: action.id,
      status: 'OPEN',
      dueOn: '2099-01-31',
      overdue: false,
      responsibleOffice: 'Phòng Giao dịch NHCSXH',
      finding: { id: findingId },
    });

    // The commune's own officer reports progress on the action its offices carry out.
    const started = await update(action.id, 'IN_PROGRESS', { note: 'Đã làm việc với hai hộ' }, COMMUNE_OFFICER);
    expect(started.errors).toBeUndefined();
    expect(started.data?.updateFollowUpAction).toMatchObject({ status: 'IN_PROGRESS', statusNote: 'Đã làm việc với hai hộ' });
    const done = await update(action.id, 'DONE', { note: 'Đã thu hồi' }, PROVINCE_TEAM);
    expect(done.data?.updateFollowUpAction).toEqual({
      id: action.id,
      status: 'DONE',
      statusNote: 'Đã thu hồi',
      completedOn: todayInVietnam(),
      cancellationReason: null,
      overdue: false,
    });

    // Each change is kept with its note: the DONE note does not replace the IN_PROGRESS one.
    const history = await run(`{ inspection(id: "${inspection.id}") { findings { actions {
      history { fromStatus toStatus note reason recordedBy at } } } } }`);
    expect(history.errors).toBeUndefined();
    const events = (history.data?.inspection as { findings: { actions: { history: Record<string, unknown>[] }[] }[] }).findings[0]
      ?.actions[0]?.history;
    expect(events?.map(({ at: _at, ...e }) => e)).toEqual([
      { fromStatus: null, toStatus: 'OPEN', note: null, reason: null, recordedBy: 'doan-kiem-tra-11' },
      {
        fromStatus: 'OPEN',
        toStatus: 'IN_PROGRESS',
        note: 'Đã làm việc với hai hộ',
        reason: null,
        recordedBy: 'can-bo-xa',
      },
      {
        fromStatus: 'IN_PROGRESS',
        toStatus: 'DONE',
        note: 'Đã thu hồi',
        reason: null,
        recordedBy: 'doan-kiem-tra-11',
      },
    ]);
    for (const e of events ?? []) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const read = await run(`{ inspection(id: "${inspection.id}") { commune { code }
      findings { category actions { status completedOn responsibleOffice finding { inspection { id } } } } } }`);
    expect(read.errors).toBeUndefined();
    expect(read.data?.inspection).toEqual({
      commune: { code: '03160' },
      findings: [
        {
          category: 'LOAN_USE',
          actions: [
            {
              status: 'DONE',
              completedOn: todayInVietnam(),
              responsibleOffice: 'Phòng Giao dịch NHCSXH',
              finding: { inspection: { id: inspection.id } },
            },
          ],
        },
      ],
    });
  });

  it('writes an audit record with every write, in the same transaction', async () => {
    const inspection = await record('03160', '2024-06-03');
    const finding = await addFinding(inspection);
    const action = await addAction(finding, '2024-07-01');
    await update(action, 'CANCELLED', { reason: 'Trùng với kế hoạch của huyện' });
    const rows = await db.dataSource.query(
      `SELECT subject, entity_type, entity_ids, fields FROM audit_record ORDER BY seq DESC LIMIT 4`,
    );
    expect(rows.reverse()).toEqual([
      { subject: 'test-officer', entity_type: 'Inspection', entity_ids: [inspection], fields: ['write Inspection'] },
      { subject: 'test-officer', entity_type: 'InspectionFinding', entity_ids: [finding], fields: ['write InspectionFinding'] },
      { subject: 'test-officer', entity_type: 'FollowUpAction', entity_ids: [action], fields: ['write FollowUpAction'] },
      {
        subject: 'test-officer',
        entity_type: 'FollowUpAction',
        entity_ids: [action],
        fields: ['write FollowUpAction.status:CANCELLED'],
      },
    ]);
  });

  it('answers a re-sent mutation with its first result, and refuses a key reused for something else', async () => {
    const k = key();
    const variables = { commune: '03163', startedOn: '2023-03-01', endedOn: '2023-03-02', team: TEAM, notes: 'idempotent', k };
    const first = await run(RECORD, variables, PROVINCE_TEAM);
    const again = await run(RECORD, variables, PROVINCE_TEAM);
    expect(first.errors).toBeUndefined();
    expect(again).toEqual(first);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM inspection WHERE notes = 'idempotent'`);
    expect(n).toBe(1);
    const reused = await run(RECORD, { ...variables, endedOn: '2023-03-03' }, PROVINCE_TEAM);
    expect(codes(reused)).toEqual(['CONFLICT']);

    // A retried status change gets its first answer, not "DONE is final".
    const action = await addAction(await addFinding((first.data?.recordInspection as { id: string }).id), '2023-06-30');
    const doneKey = key();
    const done = await run(UPDATE, { a: action, s: 'DONE', k: doneKey });
    const retried = await run(UPDATE, { a: action, s: 'DONE', k: doneKey });
    expect(done.errors).toBeUndefined();
    expect(retried).toEqual(done);
  });

  it('validates at the edge, naming the argument', async () => {
    const inspection = await record('03160', '2024-03-10', '2024-03-12');
    const finding = await addFinding(inspection);
    const action = await addAction(finding, '2024-05-01');
    const rec = (changes: Record<string, unknown>) => ({
      commune: '03160',
      startedOn: '2024-03-10',
      endedOn: '2024-03-12',
      team: TEAM,
      k: key(),
      ...changes,
    });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [RECORD, rec({ commune: '0316' }), 'communeCode'],
      [RECORD, rec({ commune: '11' }), 'communeCode'],
      [RECORD, rec({ commune: '99999' }), 'communeCode'],
      [RECORD, rec({ endedOn: '2024-03-09' }), 'endedOn'],
      [RECORD, rec({ startedOn: '2099-01-01', endedOn: '2099-01-02' }), 'startedOn'],
      [RECORD, rec({ team: { ...TEAM, lead: { name: '   ', agency: 'Sở' } } }), 'team.lead.name'],
      [RECORD, rec({ team: { ...TEAM, members: [TEAM.lead, { name: 'X', agency: 'Sở\u0000' }] } }), 'team.members[1].agency'],
      [RECORD, rec({ notes: 'x'.repeat(4001) }), 'notes'],
      [RECORD, rec({ k: 'short' }), 'idempotencyKey'],
      [FINDING, { i: 'not-a-uuid', c: 'OTHER', s: 'LOW', d: 'x', k: key() }, 'inspectionId'],
      [FINDING, { i: inspection, c: 'OTHER', s: 'LOW', d: ' ', k: key() }, 'description'],
      [ACTION, { f: finding, o: '', due: '2024-05-01', d: 'x', k: key() }, 'responsibleOffice'],
      [ACTION, { f: finding, o: 'UBND xã', due: '2024-03-09', d: 'x', k: key() }, 'dueOn'],
      [UPDATE, { a: action, s: 'CANCELLED', k: key() }, 'reason'],
      [UPDATE, { a: action, s: 'DONE', reason: 'xong', k: key() }, 'reason'],
    ];
    for (const [source, variables, field] of cases) {
      const res = await run(source, variables);
      expect([field, res.errors?.[0]?.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    // A date that is no day of the calendar is refused by the Date scalar, naming the variable.
    const badDate = await run(RECORD, rec({ startedOn: '2024-02-30' }));
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(badDate.errors?.[0]?.message).toMatch(/\$startedOn.*2024-02-30 is not a day of the calendar/);
    const range = await run(`{ inspections(from: "2024-05-01", to: "2024-04-01") { totalCount } }`);
    expect(range.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    // Nothing was written by the refused requests.
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM inspection_action WHERE finding_id = $1`, [
      finding,
    ]);
    expect(n).toBe(1);
  });

  it('refuses illegal status moves with CONFLICT and a reason; done and cancelled actions are final', async () => {
    const finding = await addFinding(await record('03160', '2024-04-01'), 'FUND_DISBURSEMENT', 'MEDIUM');
    const done = await addAction(finding, '2024-06-01');
    expect((await update(done, 'IN_PROGRESS')).errors).toBeUndefined();
    const reopen = await update(done, 'OPEN');
    expect(codes(reopen)).toEqual(['CONFLICT']);
    expect(reopen.errors?.[0]?.message).toBe(
      'status: an IN_PROGRESS action cannot become OPEN: work that has started is finished (DONE) or cancelled with a reason, never reopened.',
    );
    expect((await update(done, 'DONE')).errors).toBeUndefined();
    const afterDone = await update(done, 'CANCELLED', { reason: 'nhầm' });
    expect(codes(afterDone)).toEqual(['CONFLICT']);
    expect(afterDone.errors?.[0]?.message).toMatch(/^status: a DONE action cannot become CANCELLED: it is final/);

    const cancelled = await addAction(finding, '2024-06-01');
    const cancel = await update(cancelled, 'CANCELLED', { reason: 'Huyện đã giải thể' });
    expect(cancel.data?.updateFollowUpAction).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Huyện đã giải thể' });
    expect(codes(await update(cancelled, 'DONE'))).toEqual(['CONFLICT']);
    expect(codes(await update(cancelled, 'CANCELLED', { reason: 'again' }))).toEqual(['CONFLICT']);
    // The database refuses it too.
    await expect(db.dataSource.query(`UPDATE inspection_action SET status = 'OPEN' WHERE id = $1`, [done])).rejects.toThrow(
      /final/,
    );
  });
});

describe('inspection lists, scope and permissions', () => {
  let muongPhang: string;
  let paKhoang: string;
  let laiChau: string;

  beforeAll(async () => {
    muongPhang = await record('03160', '2025-09-08', '2025-09-10');
    paKhoang = await record('03163', '2025-09-15', '2025-09-16');
    laiChau = await record('03390', '2025-08-01', '2025-08-05');
    await addFinding(paKhoang, 'SUSTAINABILITY_OF_ESCAPE', 'MEDIUM');
  });

  it('lists inspections newest first, paged by cursor, with the total', async () => {
    const page1 = await run(
      `{ inspections(provinceCode: "11", from: "2025-09-01", first: 1) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
    );
    const first = page1.data?.inspections as { pageInfo: { endCursor: string } };
    expect(first).toMatchObject({ totalCount: 2, nodes: [{ id: paKhoang }], pageInfo: { hasNextPage: true } });
    const page2 = await run(
      `query($a: String) { inspections(provinceCode: "11", from: "2025-09-01", first: 1, after: $a) { nodes { id } pageInfo { hasNextPage } } }`,
      { a: first.pageInfo.endCursor },
    );
    expect(page2.data?.inspections).toEqual({ nodes: [{ id: muongPhang }], pageInfo: { hasNextPage: false } });
    const forged = await run(`query($a: String) { inspections(after: $a) { totalCount } }`, {
      a: Buffer.from(JSON.stringify(["2025-01-01' OR 1=1", 'x'])).toString('base64url'),
    });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('filters by commune, by dates (inspections under way in the period) and by finding category', async () => {
    const ids = async (args: string) => {
      const res = await run(`{ inspections(${args}) { nodes { id } } }`);
      expect(res.errors).toBeUndefined();
      return (res.data?.inspections as { nodes: { id: string }[] }).nodes.map((n) => n.id);
    };
    expect(await ids('communeCode: "03160", from: "2025-01-01"')).toEqual([muongPhang]);
    expect(await ids('from: "2025-09-10", to: "2025-09-30"')).toEqual([paKhoang, muongPhang]);
    expect(await ids('from: "2025-09-11", to: "2025-09-30"')).toEqual([paKhoang]);
    expect(await ids('from: "2025-08-05", to: "2025-09-07"')).toEqual([laiChau]);
    expect(await ids('from: "2025-01-01", category: SUSTAINABILITY_OF_ESCAPE')).toEqual([paKhoang]);
  });

  it("lists a unit's inspections, newest first, within the reader's scope", async () => {
    const province = await run(
      `{ adminUnit(code: "11") { inspections(first: 2) { totalCount nodes { id commune { code } } } } }`,
    );
    expect(province.data?.adminUnit).toMatchObject({
      inspections: {
        nodes: [
          { id: paKhoang, commune: { code: '03163' } },
          { id: muongPhang, commune: { code: '03160' } },
        ],
      },
    });
    const asOtherCommune = await run(
      `{ adminUnit(code: "11") { inspections { totalCount nodes { id } } } }`,
      undefined,
      OTHER_COMMUNE_OFFICER,
    );
    expect(asOtherCommune.errors).toBeUndefined();
    const ofPaKhoang = (asOtherCommune.data?.adminUnit as { inspections: { nodes: { id: string }[] } }).inspections.nodes;
    expect(ofPaKhoang.map((n) => n.id)).toContain(paKhoang);
    expect(ofPaKhoang.map((n) => n.id)).not.toContain(muongPhang);
  });

  it('filters lists to the scope and refuses a filter outside it', async () => {
    const list = await run(`{ inspections { nodes { commune { code } } } }`, undefined, LAI_CHAU_OFFICER);
    expect(list.data?.inspections).toEqual({ nodes: [{ commune: { code: '03390' } }] });
    const other = await run(`{ inspections(communeCode: "03160") { totalCount } }`, undefined, OTHER_COMMUNE_OFFICER);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    const province = await run(`{ inspections(provinceCode: "12") { totalCount } }`, undefined, OTHER_COMMUNE_OFFICER);
    expect(province.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provinceCode' });
  });

  it('answers an inspection outside the scope exactly like a missing one, to reads and to writes', async () => {
    const outside = await run(`{ inspection(id: "${muongPhang}") { id } }`, undefined, LAI_CHAU_OFFICER);
    const missing = await run(`{ inspection(id: "${MISSING}") { id } }`, undefined, LAI_CHAU_OFFICER);
    expect(outside).toEqual(missing);
    expect(codes(outside)).toEqual(['FORBIDDEN']);
    const write = (id: string) =>
      run(FINDING, { i: id, c: 'OTHER', s: 'LOW', d: 'x', k: key() }, { principal: testPrincipal({ scope: ['12'] }) });
    const [writeOutside, writeMissing] = [await write(muongPhang), await write(MISSING)];
    expect(writeOutside).toEqual(writeMissing);
    expect(writeOutside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'inspectionId' });
  });

  it("lets the analysts and every agency's officers read inspections, without a purpose", async () => {
    const query = `{ inspection(id: "${paKhoang}") { commune { name } team { lead { name } } findings { category actions { status } } } }`;
    const expected = {
      commune: { name: 'Xã Pá Khoang' },
      team: { lead: { name: TEAM.lead.name } },
      findings: [expect.anything()],
    };
    for (const reader of [ANALYST, AGRICULTURE_OFFICER, { ...STEERING_OFFICER, purpose: undefined }]) {
      const res = await run(query, undefined, reader);
      expect(res.errors).toBeUndefined();
      expect(res.data?.inspection).toEqual(expected);
    }
    const analystList = await run(`{ inspections(provinceCode: "11", from: "2025-09-01") { totalCount } }`, undefined, ANALYST);
    expect(analystList.data?.inspections).toEqual({ totalCount: 2 });
    const bank = await run(query, undefined, TEST_BANK_SERVICE);
    expect(codes(bank)).toEqual(['FORBIDDEN']);
  });

  it("lets only labor and steering-committee officers write, and only the province's team record", async () => {
    const variables = { commune: '03160', startedOn: '2025-10-01', endedOn: '2025-10-01', team: TEAM, k: key() };
    for (const writer of [AGRICULTURE_OFFICER, ANALYST]) {
      const res = await run(RECORD, variables, writer);
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors?.[0]?.extensions?.field).toBe('Mutation.recordInspection');
    }
    const finding = await run(FINDING, { i: paKhoang, c: 'OTHER', s: 'LOW', d: 'x', k: key() }, AGRICULTURE_OFFICER);
    expect(codes(finding)).toEqual(['FORBIDDEN']);
    // A commune does not record the inspection of itself, nor findings on it.
    const own = await run(RECORD, { ...variables, k: key() }, COMMUNE_OFFICER);
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    expect(own.errors?.[0]?.message).toMatch(/recorded by the team of province 11/);
    const ownFinding = await run(FINDING, { i: muongPhang, c: 'OTHER', s: 'LOW', d: 'x', k: key() }, COMMUNE_OFFICER);
    expect(ownFinding.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'inspectionId' });
    const otherProvince = await run(RECORD, { ...variables, k: key() }, LAI_CHAU_OFFICER);
    expect(otherProvince.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    // The steering committee's officer of the province records, with no purpose declared.
    expect((await run(RECORD, { ...variables, k: key() }, STEERING_OFFICER)).errors).toBeUndefined();
  });
});

describe('overdue follow-up actions', () => {
  let late: string;
  let lateInProgress: string;
  let laiChauLate: string;

  beforeAll(async () => {
    // Sơn La: one inspection with actions in every situation.
    const finding = await addFinding(await record('04000', '2024-10-01', '2024-10-03'), 'COMMUNICATION', 'LOW');
    late = await addAction(finding, '2024-12-31');
    lateInProgress = await addAction(finding, '2024-11-30');
    await update(lateInProgress, 'IN_PROGRESS', { note: 'Đang in tờ rơi' });
    await addAction(finding, '2099-12-31');
    await addAction(finding, todayInVietnam());
    await update(await addAction(finding, '2024-11-15'), 'DONE');
    await update(await addAction(finding, '2024-11-15'), 'CANCELLED', { reason: 'Không còn cần thiết' });
    laiChauLate = await addAction(await addFinding(await record('03390', '2024-10-10')), '2024-12-01');
  });

  it('lists open and in-progress actions past their due date, earliest due first', async () => {
    const res = await run(`{ overdueInspectionActions(provinceCode: "14") { totalCount nodes { id status dueOn overdue
      finding { category inspection { commune { code } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.overdueInspectionActions).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: lateInProgress,
          status: 'IN_PROGRESS',
          dueOn: '2024-11-30',
          overdue: true,
          finding: { category: 'COMMUNICATION', inspection: { commune: { code: '04000' } } },
        },
        {
          id: late,
          status: 'OPEN',
          dueOn: '2024-12-31',
          overdue: true,
          finding: { category: 'COMMUNICATION', inspection: { commune: { code: '04000' } } },
        },
      ],
    });
  });

  it('pages through them and keeps them to the scope', async () => {
    const page = await run(`{ overdueInspectionActions(provinceCode: "14", first: 1) { nodes { id } pageInfo { endCursor } } }`);
    const cursor = (page.data?.overdueInspectionActions as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const next = await run(
      `query($a: String) { overdueInspectionActions(provinceCode: "14", first: 1, after: $a) { nodes { id } } }`,
      {
        a: cursor,
      },
    );
    expect(next.data?.overdueInspectionActions).toEqual({ nodes: [{ id: late }] });
    const laiChau = await run(`{ overdueInspectionActions { totalCount nodes { id } } }`, undefined, LAI_CHAU_OFFICER);
    expect(laiChau.data?.overdueInspectionActions).toEqual({ totalCount: 1, nodes: [{ id: laiChauLate }] });
    const outside = await run(`{ overdueInspectionActions(provinceCode: "14") { totalCount } }`, undefined, LAI_CHAU_OFFICER);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'provinceCode' });
    const analyst = await run(`{ overdueInspectionActions(provinceCode: "14") { totalCount } }`, undefined, ANALYST);
    expect(analyst.data?.overdueInspectionActions).toEqual({ totalCount: 2 });
  });
});
