import { parseArgs } from 'node:util';
import {
  devIssuerKeys,
  ensureDevKeys,
  isPurpose,
  knownAgencies,
  processEnv,
  PURPOSES,
  ROLES,
  signDevToken,
  type Agency,
  type Role,
} from '@gnbv/platform';
import { agencyNames } from './agencies';

/** The agencies a token may name: the listed agencies and the steering committee. */
const AGENCY_CHOICES = knownAgencies(agencyNames());

const USAGE = `Prints a development token for the local gateway (never accepted in production).

  npm run -s token -- --agency <agency> --role <role>[,<role>] --scope <code>[,<code>] [options]

  --agency    ${AGENCY_CHOICES.join(' | ')}
  --role      ${ROLES.join(' | ')}
  --scope     VN (whole country), a 2-digit province code or a 5-digit commune code; comma-separated
  --purpose   bind the token to one purpose: ${PURPOSES.join(' | ')}
              (otherwise send it per request with the X-Purpose header)
  --subject   the account name (default dev-<agency>-<role>)
  --ttl       lifetime in seconds (default 28800 = 8 h, at most 86400)

Example:
  TOKEN=$(npm run -s token -- --agency labor --role officer --scope 03160)
  curl -s localhost:4000/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: review' \\
       -H 'content-type: application/json' -d '{"query":"{ households(first: 3) { nodes { code category } } }"}'`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  const env = processEnv();
  if (env.NODE_ENV === 'production')
    fail('the development issuer does not exist in production; use your agency identity provider');
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      purpose: { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.agency || !AGENCY_CHOICES.includes(values.agency)) fail('--agency is required and must be one listed below');
  const roles = (values.role ?? '').split(',').filter(Boolean);
  if (roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r)))
    fail('--role is required: one or more roles listed below');
  const scope = (values.scope ?? '').split(',').filter(Boolean);
  if (scope.length === 0 || scope.some((s) => !/^(VN|\d{2}|\d{5})$/.test(s)))
    fail('--scope is required: VN, province or commune codes');
  if (values.purpose !== undefined && !isPurpose(values.purpose))
    fail(`--purpose "${values.purpose}" is not one of the purposes`);
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  const files = ensureDevKeys();
  const token = await signDevToken(
    {
      agency: values.agency as Agency,
      roles: roles as Role[],
      scope,
      ...(values.purpose ? { purpose: values.purpose as never } : {}),
      ...(values.subject ? { subject: values.subject } : {}),
      ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
    },
    devIssuerKeys(files),
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
