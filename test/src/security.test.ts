/*
 * Every row of ../shared/security-cases.md, against the real HTTP endpoints: the gateway, and
 * the subgraphs called directly. Each `describe` names its case number.
 */
import { execFile } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { request } from 'undici';
import { DEV_ISSUER, INTERNAL_ISSUER, internalTokenSigner, loadJose, readPrivateKey, type Principal } from '@gnbv/platform';
import { buildDemoDataset, DEMO_COMMUNES, DEMO_PROVINCE, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type GraphQLResponse, type Platform } from './platform';

const demo = buildDemoDataset();
const [COMMUNE_A, COMMUNE_B] = [DEMO_COMMUNES[0].code, DEMO_COMMUNES[1].code];
const householdOf = (commune: string) => {
  const h = demo.labor.households.find((x) => x.communeCode === commune);
  if (!h?.id) throw new Error(`no demo household in ${commune}`);
  return h as { id: string; code: string };
};
const HOUSEHOLD_A = householdOf(COMMUNE_A);
const HOUSEHOLD_B = householdOf(COMMUNE_B);
const MISSING_ID = '0d9b7a52-7c1e-4f51-9a35-6f1e2c3b4a59';

const officerOf = (agency: DevTokenOptions['agency'], scope: string[]): DevTokenOptions => ({
  agency,
  roles: ['officer'],
  scope,
});
const OFFICER_A = officerOf('labor', [COMMUNE_A]);
const BANK_SERVICE: DevTokenOptions = {
  agency: 'social-policy-bank',
  roles: ['service'],
  scope: ['VN'],
  purpose: 'loan-eligibility',
};
const PERSONAL_QUERY = `{ households(first: 5) { nodes { code members { fullName } } } }`;

let platform: Platform;
let rsa: { privateKey: KeyObject; publicPem: string; file: string };
let jwks: { server: Server; url: string; privateKey: KeyObject };
let strictGateway: { url: string; stop(): Promise<void> };

async function withLaborDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: platform.databaseUrls.labor });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Rows in the labor audit trail: what reached the resolvers of personal fields. */
const laborAuditCount = () =>
  withLaborDb(async (c) => (await c.query('SELECT count(*)::int AS n FROM audit_record')).rows[0].n as number);

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let parsed: GraphQLResponse['body'];
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return { status: res.statusCode, headers: res.headers, body: parsed };
}

/** As a DBA who can switch triggers off (superuser): the append-only guard does not stop this one. */
async function asDba(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  await withLaborDb(async (c) => {
    // The embedded database multiplexes one session, so the setting is always put back.
    await c.query(`SET session_replication_role = replica`);
    try {
      await work(c);
    } finally {
      await c.query(`SET session_replication_role = origin`);
    }
  });
}

const codesOf = (res: GraphQLResponse) => (res.body.errors ?? []).map((e) => e.extensions?.code);
const withoutRequestIds = (res: GraphQLResponse) =>
  JSON.parse(JSON.stringify(res.body, (key, value) => (key === 'requestId' ? undefined : value)));

/** A JWT with any header and payload, signed (or not) however the attack needs. */
async function craftToken(header: Record<string, unknown>, payload: Record<string, unknown>, sign: (input: string) => string) {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(input)}`;
}

const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'attacker',
  agency: 'labor',
  roles: ['officer'],
  kind: 'person',
  scope: ['VN'],
  iss: 'https://sso.labor.test',
  aud: 'gnbv-gateway',
  iat: now(),
  exp: now() + 600,
  ...extra,
});

async function rsaToken(extra: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const { SignJWT } = await loadJose();
  const { iss, aud, exp, iat, ...rest } = claims(extra);
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'RS256', kid: 'labor-2026', ...header })
    .setIssuer(iss as string)
    .setAudience(aud as string)
    .setIssuedAt(iat as number)
    .setExpirationTime(exp as number)
    .sign(rsa.privateKey);
}

beforeAll(async () => {
  platform = await startPlatform();
  // An agency identity provider with a PEM key file, and one that publishes a JWKS over HTTP.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const file = join(platform.keyFiles.issuerPublic, '..', 'labor-idp.pub.pem');
  writeFileSync(file, publicPem);
  rsa = { privateKey: pair.privateKey, publicPem, file };
  const jose = await loadJose();
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(await jose.exportJWK(ec.publicKey)), kid: 'vbsp-1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwks = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, privateKey: ec.privateKey };
  // A gateway as a province would run it: production mode, real issuers only.
  strictGateway = await platform.startGateway({
    NODE_ENV: 'production',
    AUTH_DEV_ISSUER: 'false',
    AUTH_ISSUERS: JSON.stringify([
      { issuer: 'https://sso.labor.test', agencies: ['labor'], publicKeyFile: file, kid: 'labor-2026' },
      { issuer: 'https://sso.vbsp.test', agencies: ['social-policy-bank'], jwksUrl: jwks.url },
    ]),
  });
});
afterAll(async () => {
  await strictGateway?.stop();
  await new Promise((resolve) => jwks?.server.close(resolve));
  await platform?.stop();
});

describe('case 1: missing and bad tokens get 401 UNAUTHENTICATED and nothing runs', () => {
  it('accepts a good token of a configured issuer (so the refusals below mean something)', async () => {
    const res = await post(
      strictGateway.url,
      { query: PERSONAL_QUERY },
      { authorization: `Bearer ${await rsaToken()}`, 'x-purpose': 'review' },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { SignJWT } = await loadJose();
    const bank = await new SignJWT({ agency: 'social-policy-bank', roles: ['officer'], scope: 'VN' })
      .setProtectedHeader({ alg: 'ES256', kid: 'vbsp-1' })
      .setIssuer('https://sso.vbsp.test')
      .setAudience('gnbv-gateway')
      .setSubject('vbsp-officer')
      .setExpirationTime('5m')
      .sign(jwks.privateKey);
    const viaJwks = await post(strictGateway.url, { query: '{ adminUnits { code } }' }, { authorization: `Bearer ${bank}` });
    expect(viaJwks.status).toBe(200);
  });

  const attacks: Array<[string, () => Promise<Record<string, string>>]> = [
    ['no token', async () => ({})],
    ['a malformed token', async () => ({ authorization: 'Bearer not.a.jwt' })],
    ['a non-Bearer scheme', async () => ({ authorization: 'Basic YWRtaW46YWRtaW4=' })],
    ['alg: none', async () => ({ authorization: `Bearer ${await craftToken({ alg: 'none', typ: 'JWT' }, claims(), () => '')}` })],
    [
      'HS256 signed with the issuer public key as the secret',
      async () => ({
        authorization: `Bearer ${await craftToken({ alg: 'HS256', kid: 'labor-2026' }, claims(), (input) =>
          createHmac('sha256', rsa.publicPem).update(input).digest('base64url'),
        )}`,
      }),
    ],
    ['an unknown kid', async () => ({ authorization: `Bearer ${await rsaToken({}, { kid: 'rotated-away' })}` })],
    ['an expired exp', async () => ({ authorization: `Bearer ${await rsaToken({ iat: now() - 7200, exp: now() - 3600 })}` })],
    ['a future nbf', async () => ({ authorization: `Bearer ${await rsaToken({ nbf: now() + 3600 })}` })],
    ['a wrong iss', async () => ({ authorization: `Bearer ${await rsaToken({ iss: 'https://sso.other.test' })}` })],
    ['a wrong aud', async () => ({ authorization: `Bearer ${await rsaToken({ aud: 'another-service' })}` })],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await rsaToken({ scope: [COMMUNE_A] })).split('.');
        return { authorization: `Bearer ${h}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.${s}` };
      },
    ],
  ];

  it.each(attacks)('%s', async (_name, headers) => {
    const before = await laborAuditCount();
    const res = await post(strictGateway.url, { query: PERSONAL_QUERY }, { ...(await headers()), 'x-purpose': 'review' });
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data).toBeUndefined();
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    // Nothing reached a personal-data resolver: the trail did not grow.
    expect(await laborAuditCount()).toBe(before);
  });

  it('health endpoints need no token', async () => {
    const res = await request(strictGateway.url.replace('/graphql', '/health'));
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});

describe('case 2: a valid token from an issuer that is not configured gets 401', () => {
  it('refuses a well-signed token of an unknown issuer', async () => {
    const { SignJWT } = await loadJose();
    const stranger = generateKeyPairSync('ed25519');
    const token = await new SignJWT({ agency: 'labor', roles: ['officer'], scope: 'VN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('https://idp.unknown.test')
      .setAudience('gnbv-gateway')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    const res = await post(strictGateway.url, { query: '{ adminUnits { code } }' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toMatch(/issuer is not accepted/);
  });

  it('refuses development tokens on a production gateway, and a configured issuer vouching for another agency', async () => {
    const dev = await platform.token(OFFICER_A);
    expect((await post(strictGateway.url, { query: '{ adminUnits { code } }' }, { authorization: `Bearer ${dev}` })).status).toBe(
      401,
    );
    const crossAgency = await rsaToken({ agency: 'social-policy-bank' });
    const res = await post(strictGateway.url, { query: '{ adminUnits { code } }' }, { authorization: `Bearer ${crossAgency}` });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toMatch(/may not vouch for agency social-policy-bank/);
  });
});

describe('case 3: identity and internal headers from clients are ignored', () => {
  it('scope comes from the verified token, not from x-principal or x-internal-* headers', async () => {
    const spoof = JSON.stringify({ subject: 'x', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] });
    const res = await platform.query(`{ households { totalCount nodes { code } } }`, undefined, {
      as: OFFICER_A,
      headers: { 'x-principal': spoof, 'x-internal-principal': spoof, 'x-internal-token': 'forged', 'x-scope': 'VN' },
    });
    expect(res.body.errors).toBeUndefined();
    const expected = demo.labor.households.filter((h) => h.communeCode === COMMUNE_A).length;
    expect((res.body.data?.households as { totalCount: number }).totalCount).toBe(expected);
  });

  it('a token bound to a purpose cannot declare another one', async () => {
    const res = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { category } }`, undefined, {
      as: BANK_SERVICE,
      purpose: 'review',
    });
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.message).toMatch(/bound to purpose "loan-eligibility"/);
  });

  it('a gateway-internal token presented to the gateway is not an accepted identity', async () => {
    const signer = internalTokenSigner(readPrivateKey(platform.keyFiles.internalPrivate), 30);
    const principal: Principal = { subject: 'x', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };
    const internal = await signer.sign({ principal, requestId: randomUUID() }, 'labor');
    const res = await post(platform.gatewayUrl, { query: '{ adminUnits { code } }' }, { authorization: `Bearer ${internal}` });
    expect(res.status).toBe(401);
  });
});

describe('case 4: subgraphs answer only the gateway', () => {
  const principal: Principal = { subject: 'direct', agency: 'labor', roles: ['officer'], kind: 'person', scope: ['VN'] };
  const labor = () => platform.subgraphUrls.labor as string;
  const signer = () => internalTokenSigner(readPrivateKey(platform.keyFiles.internalPrivate), 30);
  const probes = [
    '{ _service { sdl } }',
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { code members { fullName } } } }`,
    '{ adminUnits { code } }',
  ];

  it('the gateway key, for this subgraph, gets through (so the refusals below mean something)', async () => {
    const token = await signer().sign({ principal, requestId: randomUUID(), purpose: 'review' }, 'labor');
    const res = await post(
      labor(),
      { query: probes[1], variables: { r: [{ __typename: 'Household', id: HOUSEHOLD_A.id }] } },
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.data?._entities).toEqual([expect.objectContaining({ code: HOUSEHOLD_A.code })]);
  });

  const tokens: Array<[string, () => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['a token for another subgraph (aud)', () => signer().sign({ principal, requestId: randomUUID() }, 'agriculture')],
    ['a user token from the development issuer', () => platform.token(OFFICER_A)],
    [
      'an expired gateway token',
      async () => {
        const { SignJWT } = await loadJose();
        return new SignJWT({ principal, rid: randomUUID() })
          .setProtectedHeader({ alg: 'EdDSA', typ: 'gnbv-internal+jwt' })
          .setIssuer(INTERNAL_ISSUER)
          .setAudience('labor')
          .setIssuedAt(now() - 600)
          .setExpirationTime(now() - 300)
          .setJti(randomUUID())
          .sign(readPrivateKey(platform.keyFiles.internalPrivate));
      },
    ],
    [
      'a gateway token with a tampered payload',
      async () => {
        const narrow = await signer().sign({ principal: { ...principal, scope: [COMMUNE_A] }, requestId: randomUUID() }, 'labor');
        const [h, p, s] = narrow.split('.') as [string, string, string];
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        payload.principal.scope = ['VN'];
        return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      },
    ],
    [
      'a token signed by a key that is not the gateway one',
      () =>
        internalTokenSigner(generateKeyPairSync('ed25519').privateKey, 30).sign({ principal, requestId: randomUUID() }, 'labor'),
    ],
  ];

  it.each(tokens)('%s: 401 on _service, _entities and root fields, no data', async (_name, make) => {
    const token = await make();
    for (const query of probes) {
      const res = await post(
        labor(),
        { query, variables: { r: [{ __typename: 'Household', id: HOUSEHOLD_A.id }] } },
        token ? { authorization: `Bearer ${token}` } : {},
      );
      expect([query, res.status]).toEqual([query, 401]);
      expect(res.body.data).toBeUndefined();
      expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('every subgraph refuses _service without the gateway token (composition never needs it)', async () => {
    for (const url of Object.values(platform.subgraphUrls)) {
      expect((await post(url, { query: '{ _service { sdl } }' })).status).toBe(401);
    }
  });
});

describe('case 5: a commune officer never gets another commune’s households', () => {
  it('by id', async () => {
    const res = await platform.query(`{ household(id: "${HOUSEHOLD_B.id}") { code address } }`, undefined, { as: OFFICER_A });
    expect(res.body.data?.household).toBeNull();
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
  });

  it('in a list filter', async () => {
    const res = await platform.query(`{ households(communeCode: "${COMMUNE_B}") { totalCount nodes { code } } }`, undefined, {
      as: OFFICER_A,
    });
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'communeCode' });
    const supports = await platform.query(
      `{ adminUnit(code: "${COMMUNE_B}") { productionSupports { totalCount } } }`,
      undefined,
      {
        as: officerOf('agriculture', [COMMUNE_A]),
      },
    );
    expect(codesOf(supports)).toEqual(['FORBIDDEN']);
    expect(supports.body.errors?.[0]?.extensions).toMatchObject({ field: 'code' });
  });

  it('nested under a unit, a loan or a support record', async () => {
    const res = await platform.query(
      `{ adminUnit(code: "${DEMO_PROVINCE.code}") { households(first: 50) { totalCount nodes { code commune { code }
           loans { household { code commune { code } } }
           productionSupports { household { code commune { code } } } } } } }`,
      undefined,
      { as: OFFICER_A },
    );
    expect(res.body.errors).toBeUndefined();
    const json = JSON.stringify(res.body.data);
    expect(json).toContain(COMMUNE_A);
    expect(json).not.toContain(`"${COMMUNE_B}"`);
    expect(json).not.toContain(HOUSEHOLD_B.code);
  });

  it('through _entities, with a valid gateway token for the officer', async () => {
    const signer = internalTokenSigner(readPrivateKey(platform.keyFiles.internalPrivate), 30);
    const principal: Principal = { subject: 'a', agency: 'labor', roles: ['officer'], kind: 'person', scope: [COMMUNE_A] };
    const token = await signer.sign({ principal, requestId: randomUUID(), purpose: 'review' }, 'labor');
    const res = await post(
      platform.subgraphUrls.labor as string,
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { code members { fullName } } } }`,
        variables: { r: [{ __typename: 'Household', id: HOUSEHOLD_B.id }] },
      },
      { authorization: `Bearer ${token}` },
    );
    expect(res.body.data?._entities).toEqual([null]);
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
  });
});

describe('case 6: out-of-scope and missing ids answer the same', () => {
  it('household(id) of another commune and a nonexistent one are indistinguishable', async () => {
    const outside = await platform.query(`{ household(id: "${HOUSEHOLD_B.id}") { code } }`, undefined, { as: OFFICER_A });
    const missing = await platform.query(`{ household(id: "${MISSING_ID}") { code } }`, undefined, { as: OFFICER_A });
    expect(outside.status).toBe(missing.status);
    expect(withoutRequestIds(outside)).toEqual(withoutRequestIds(missing));
    // ...while the same id is visible to an officer whose scope covers it.
    const own = await platform.query(`{ household(id: "${HOUSEHOLD_B.id}") { code } }`, undefined, {
      as: officerOf('labor', [COMMUNE_B]),
    });
    expect(own.body.data?.household).toEqual({ code: HOUSEHOLD_B.code });
  });
});

describe('case 7: personal fields by role, with masking', () => {
  it('other agencies: no income, a masked national ID', async () => {
    const res = await platform.query(
      `{ household(id: "${HOUSEHOLD_A.id}") { category monthlyIncomePerPerson members { nationalId } } }`,
      undefined,
      { as: officerOf('agriculture', ['VN']), purpose: 'support-delivery' },
    );
    const household = res.body.data?.household as {
      category: string;
      monthlyIncomePerPerson: null;
      members: { nationalId: string | null }[];
    };
    expect(household.category).toBeTruthy();
    expect(household.monthlyIncomePerPerson).toBeNull();
    expect(res.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['household.monthlyIncomePerPerson', 'FORBIDDEN'],
    ]);
    const ids = household.members.map((m) => m.nationalId).filter(Boolean) as string[];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{3}\*{6}\d{3}$/);
    const labor = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { members { nationalId } } }`);
    const full = (labor.body.data?.household as { members: { nationalId: string | null }[] }).members
      .map((m) => m.nationalId)
      .filter(Boolean);
    for (const id of full) expect(id).toMatch(/^\d{12}$/);
  });

  it('analysts: aggregates, and FORBIDDEN on anything about a household', async () => {
    const analyst: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };
    const agg = await platform.query(
      `{ adminUnit(code: "${DEMO_PROVINCE.code}") { name lendingSummary { outstanding } } }`,
      undefined,
      {
        as: analyst,
        purpose: 'statistics',
      },
    );
    expect(agg.body.errors).toBeUndefined();
    const personal = await platform.query(
      `{ household(id: "${HOUSEHOLD_A.id}") { members { fullName dateOfBirth } } }`,
      undefined,
      {
        as: analyst,
        purpose: 'statistics',
      },
    );
    expect(personal.body.data?.household ?? null).toBeNull();
    expect(codesOf(personal)).toContain('FORBIDDEN');
  });
});

describe('case 8: personal data needs a declared purpose from the list', () => {
  it('no purpose: 403 PURPOSE_REQUIRED, and the names are not returned', async () => {
    const res = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { code members { fullName } } }`, undefined, {
      purpose: null,
    });
    expect(res.status).toBe(403);
    expect(codesOf(res)).toContain('PURPOSE_REQUIRED');
    expect(res.body.errors?.[0]?.message).toMatch(/X-Purpose/);
    expect(JSON.stringify(res.body.data)).not.toMatch(/"fullName":"/);
  });

  it('an unknown purpose: 400 before anything runs', async () => {
    const before = await laborAuditCount();
    const res = await platform.query(PERSONAL_QUERY, undefined, { purpose: 'curiosity' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/X-Purpose: "curiosity" is not a recognised purpose/);
    expect(await laborAuditCount()).toBe(before);
  });
});

describe('case 9: operation limits, before any subgraph is called, without revealing the limit', () => {
  const nest = (depth: number) => {
    let q = 'code';
    for (let i = 0; i < depth; i++) q = `parent { children { ${q} } }`;
    return `{ adminUnit(code: "${DEMO_PROVINCE.code}") { ${q} } }`;
  };
  const cases: Array<[string, string, RegExp]> = [
    ['depth', nest(8), /nested too deeply/i],
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: adminUnits { code }`).join(' ')} }`, /alias/i],
    ['tokens', `{ adminUnits { ${Array.from({ length: 3_500 }, () => 'code').join(' ')} } }`, /token/i],
    ['directives', `{ adminUnits { code ${Array.from({ length: 30 }, () => '@include(if: true)').join(' ')} } }`, /directive/i],
    ['query length', `{ adminUnits { code } } ${'#'.repeat(30_000)}`, /too long/i],
  ];

  it.each(cases)('%s over the limit: 400', async (_name, query, message) => {
    const before = await laborAuditCount();
    const res = await platform.query(query);
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    const text = res.body.errors?.map((e) => e.message).join(' ') ?? '';
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\d{2,}/); // no limit value revealed
    expect(await laborAuditCount()).toBe(before);
  });

  it('a body over the size limit: 413; a JSON array batch: 400', async () => {
    const token = await platform.token(OFFICER_A);
    const big = await post(
      platform.gatewayUrl,
      { query: '{ adminUnits { code } }', pad: 'x'.repeat(200_000) },
      { authorization: `Bearer ${token}` },
    );
    expect(big.status).toBe(413);
    const batch = await post(platform.gatewayUrl, [{ query: '{ adminUnits { code } }' }, { query: '{ adminUnits { code } }' }], {
      authorization: `Bearer ${token}`,
    });
    expect(batch.status).toBe(400);
  });
});

describe('case 10: production mode shows nothing of the schema', () => {
  const headers = async () => ({ authorization: `Bearer ${await rsaToken()}` });

  it('refuses introspection', async () => {
    const res = await post(strictGateway.url, { query: '{ __schema { types { name } } }' }, await headers());
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    // The same query on the development gateway works (so the refusal is production mode's doing).
    expect((await platform.query('{ __schema { queryType { name } } }')).body.errors).toBeUndefined();
  });

  it('gives no "Did you mean" suggestions', async () => {
    const res = await post(strictGateway.url, { query: '{ househols { totalCount } }' }, await headers());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
    const dev = await platform.query('{ househols { totalCount } }');
    expect(JSON.stringify(dev.body)).toMatch(/Did you mean/);
  });

  it('does not say which agency service answered', async () => {
    const res = await post(strictGateway.url, { query: `{ household(id: "${HOUSEHOLD_A.id}") { code } }` }, await headers());
    expect(res.body.data?.household).toEqual({ code: HOUSEHOLD_A.code });
    const refused = await post(strictGateway.url, { query: `{ household(id: "${MISSING_ID}") { code } }` }, await headers());
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(refused.body)).not.toMatch(/serviceName|labor/);
  });

  it('serves no IDE page', async () => {
    const res = await request(strictGateway.url, { headers: { accept: 'text/html' } });
    const body = await res.body.text();
    expect(body).not.toContain('<textarea');
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
  });
});

describe('case 11: CSRF prevention', () => {
  it('refuses a mutation sent by GET', async () => {
    const token = await platform.token(OFFICER_A);
    const url = `${platform.gatewayUrl}?query=${encodeURIComponent('mutation { startReview(householdId: "x", year: 2026, reviewDate: "2026-10-01", idempotencyKey: "k") { id } }')}`;
    const res = await request(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(res.statusCode).toBe(405);
    await res.body.dump();
  });

  it.each([
    ['text/plain', JSON.stringify({ query: '{ adminUnits { code } }' })],
    ['application/x-www-form-urlencoded', 'query=%7B%20adminUnits%20%7B%20code%20%7D%20%7D'],
  ])('refuses a %s POST with no preflight header', async (type, body) => {
    const token = await platform.token(OFFICER_A);
    const res = await request(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${token}` },
      body,
    });
    expect(res.statusCode).toBe(400);
    expect(await res.body.text()).toMatch(/CSRF/);
  });
});

describe('case 12: injection through arguments', () => {
  it.each([
    ['communeCode', `{ households(communeCode: "' OR 1=1 --") { totalCount } }`],
    ['communeCode', `{ households(communeCode: "0316") { totalCount } }`],
    ['id', `{ household(id: "1; DROP TABLE household") { code } }`],
    ['code', `{ householdByCode(communeCode: "${COMMUNE_A}", code: "A\\u0000B") { code } }`],
  ])('a bad %s is a validation error naming it, never database text', async (field, query) => {
    const res = await platform.query(query);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(JSON.stringify(res.body)).not.toMatch(/syntax|relation|SELECT|postgres|QueryFailed/i);
  });

  it('an object where an id is expected ({"$ne": null}) is refused by type coercion', async () => {
    const res = await platform.query(`query($id: ID!) { household(id: $id) { code } }`, { id: { $ne: null } });
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('decomposed and composed Vietnamese compare equal (NFC) and never error', async () => {
    const composed = 'Bản Khá';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const a = await platform.query(`query($c: String!) { householdByCode(communeCode: "${COMMUNE_A}", code: $c) { code } }`, {
      c: composed,
    });
    const b = await platform.query(`query($c: String!) { householdByCode(communeCode: "${COMMUNE_A}", code: $c) { code } }`, {
      c: decomposed,
    });
    expect(withoutRequestIds(a)).toEqual(withoutRequestIds(b));
  });
});

describe('case 13: an unexpected fault', () => {
  it('gives a generic message and a request id: no stack, SQL or host name', async () => {
    await withLaborDb((c) => c.query('ALTER TABLE household_member RENAME TO household_member_away'));
    try {
      const res = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { code members { fullName } } }`);
      const error = res.body.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toMatch(/Internal error/);
      expect(error?.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/household_member|relation|SELECT|stack|at .*\.js|127\.0\.0\.1|localhost/i);
    } finally {
      await withLaborDb((c) => c.query('ALTER TABLE household_member_away RENAME TO household_member'));
    }
  });
});

describe('cases 14-15 and the trail itself', () => {
  it('records who read which household, when and why, and the DPO can ask', async () => {
    const reader: DevTokenOptions = { ...officerOf('agriculture', ['VN']), subject: 'nguyen.van.a@agri' };
    const read = await platform.query(
      `query ReadFamily { household(id: "${HOUSEHOLD_A.id}") { members { fullName } } }`,
      undefined,
      {
        as: reader,
        purpose: 'support-delivery',
      },
    );
    expect(read.body.errors).toBeUndefined();
    const dpo: DevTokenOptions = { agency: 'labor', roles: ['data-protection-officer'], scope: ['VN'] };
    const trail = await platform.query(
      `{ household(id: "${HOUSEHOLD_A.id}") { registryAudit(first: 5) { subject agency purpose operation fields decision requestId } } }`,
      undefined,
      { as: dpo, purpose: 'audit' },
    );
    expect(trail.body.errors).toBeUndefined();
    const records = (trail.body.data?.household as { registryAudit: Array<Record<string, unknown>> }).registryAudit;
    expect(records[0]).toMatchObject({
      subject: 'nguyen.van.a@agri',
      agency: 'agriculture',
      purpose: 'support-delivery',
      operation: 'ReadFamily',
      fields: ['Member.fullName'],
      decision: 'allowed',
      requestId: read.headers['x-request-id'],
    });
    // Only the DPO may ask.
    const officer = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { registryAudit { subject } } }`);
    expect(codesOf(officer)).toEqual(['FORBIDDEN']);
  });

  it('files each request under its own id, though the gateway reuses one identity token for the same user', async () => {
    const reader: DevTokenOptions = { ...officerOf('agriculture', ['VN']), subject: 'tran.thi.b@agri' };
    const ask = () =>
      platform.query(`query ReadTwice { household(id: "${HOUSEHOLD_A.id}") { members { fullName } } }`, undefined, {
        as: reader,
        purpose: 'support-delivery',
      });
    const first = await ask();
    const second = await ask();
    expect([first.body.errors, second.body.errors]).toEqual([undefined, undefined]);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const ids = await withLaborDb(async (c) =>
      (
        await c.query(
          `SELECT request_id FROM audit_record WHERE subject = 'tran.thi.b@agri' AND operation = 'ReadTwice' ORDER BY seq`,
        )
      ).rows.map((r) => r.request_id),
    );
    expect(ids).toEqual([first.headers['x-request-id'], second.headers['x-request-id']]);
  });

  it('concurrent requests never fork the chain', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => platform.query(PERSONAL_QUERY)));
    // Every one was answered (an audit write that failed would have withheld the data).
    expect(answers.map((a) => a.body.errors ?? [])).toEqual(answers.map(() => []));
    const seqs = await withLaborDb(async (c) =>
      (await c.query('SELECT seq::int AS seq FROM audit_record ORDER BY seq')).rows.map((r) => r.seq),
    );
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    const out = await verify();
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/labor: \d+ records, chain intact/);
  });

  it('the database refuses UPDATE and DELETE on the trail', async () => {
    await expect(withLaborDb((c) => c.query(`UPDATE audit_record SET purpose = 'statistics' WHERE seq = 1`))).rejects.toThrow(
      /append-only/,
    );
    await expect(withLaborDb((c) => c.query(`DELETE FROM audit_record WHERE seq = 1`))).rejects.toThrow(/append-only/);
  });

  it('case 14: an edited or deleted record is found by audit:verify, which exits non-zero', async () => {
    // A DBA with the power to disable triggers edits record 2...
    const original = await withLaborDb(async (c) => (await c.query(`SELECT * FROM audit_record WHERE seq = 2`)).rows[0]);
    await asDba((c) => c.query(`UPDATE audit_record SET subject = 'someone-else' WHERE seq = 2`));
    const edited = await verify();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/labor: BROKEN at record 2: its content does not match its hash/);
    // ...then deletes it instead.
    await asDba((c) => c.query(`DELETE FROM audit_record WHERE seq = 2`));
    const deleted = await verify();
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toMatch(/labor: BROKEN at record 2: record 2 is missing/);
    // Put it back as it was: the chain verifies again.
    await asDba(async (c) => {
      const cols = Object.keys(original);
      await c.query(
        `INSERT INTO audit_record (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((k) => original[k]),
      );
    });
    expect((await verify()).code).toBe(0);
  });

  it('case 15: when the trail cannot be written, no personal data is returned', async () => {
    await withLaborDb((c) => c.query('ALTER TABLE audit_record RENAME TO audit_record_away'));
    try {
      const res = await platform.query(`{ household(id: "${HOUSEHOLD_A.id}") { code members { fullName } } }`);
      expect(JSON.stringify(res.body.data ?? null)).not.toMatch(/fullName":"/);
      expect(res.body.errors?.[0]?.message).toMatch(/audit record could not be written/);
      expect(codesOf(res)).toContain('SERVICE_UNAVAILABLE');
      // Requests that touch no personal data still work.
      expect((await platform.query('{ adminUnits { code } }')).body.errors).toBeUndefined();
    } finally {
      await withLaborDb((c) => c.query('ALTER TABLE audit_record_away RENAME TO audit_record'));
    }
  });
});

describe('case 16: the bank service account gets only what loan eligibility needs', () => {
  it('reads category and loans, and gets FORBIDDEN on members, names and ID numbers', async () => {
    const ok = await platform.query(
      `{ household(id: "${HOUSEHOLD_A.id}") { category loans { program outstanding } } }`,
      undefined,
      {
        as: BANK_SERVICE,
        purpose: null,
      },
    );
    expect(ok.body.errors).toBeUndefined();
    const res = await platform.query(
      `{ household(id: "${HOUSEHOLD_A.id}") { category members { fullName nationalId } } }`,
      undefined,
      {
        as: BANK_SERVICE,
        purpose: null,
      },
    );
    expect(res.body.data?.household).toMatchObject({ members: null });
    expect(res.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['household.members', 'FORBIDDEN']]);
    expect(JSON.stringify(res.body)).not.toMatch(/fullName":"|nationalId":"/);
  });
});

describe('case 17: idempotent mutations', () => {
  it('a mutation re-sent with the same idempotency key returns the first result and writes nothing twice', async () => {
    const mutation = `mutation($h: ID!, $k: String!) {
      startReview(householdId: $h, year: 2026, reviewDate: "2026-10-01", idempotencyKey: $k) { id state year } }`;
    const k = randomUUID();
    const first = await platform.query(mutation, { h: HOUSEHOLD_A.id, k });
    expect(first.body.errors).toBeUndefined();
    const again = await platform.query(mutation, { h: HOUSEHOLD_A.id, k });
    expect(again.body.data).toEqual(first.body.data);
    const rows = await withLaborDb(
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n FROM poverty_review WHERE household_id = $1 AND year = 2026`, [HOUSEHOLD_A.id]))
          .rows[0].n,
    );
    expect(rows).toBe(1);
    // The same key for a different request is refused rather than replayed.
    const other = await platform.query(mutation.replace('2026-10-01', '2026-10-02'), { h: HOUSEHOLD_A.id, k });
    expect(codesOf(other)).toEqual(['CONFLICT']);
  });
});

const run = promisify(execFile);
/** Runs the real `audit:verify` command (compiled) against the labor database of this platform. */
async function verify(): Promise<{ code: number; stdout: string }> {
  const script = join(__dirname, '..', '..', 'ops', 'dist', 'audit-verify.js');
  try {
    const { stdout } = await run(process.execPath, [script, '--subgraph', 'labor'], {
      env: { ...platform.env, LABOR_DATABASE_URL: platform.databaseUrls.labor as string },
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

// Keep the development issuer name in view: these tests assume tokens from it are refused in production.
void DEV_ISSUER;
