import { authHeaders, type Session } from './session';

/** One error of a GraphQL answer (or of the HTTP layer before it), as the gateway codes it. */
export interface GraphError {
  message: string;
  code: string;
  path?: ReadonlyArray<string | number>;
  requestId?: string;
  status?: number;
  /** For an agency's data missing from the answer (SUBGRAPH_* codes): which agency, and when to retry. */
  agency?: string;
  retryAfterSeconds?: number;
}

export interface GraphResult<T> {
  data: T | null;
  errors: GraphError[];
}

interface RawError {
  message?: unknown;
  path?: Array<string | number>;
  extensions?: { code?: unknown; requestId?: unknown; agency?: unknown; retryAfterSeconds?: unknown };
}

/** POSTs an operation to the gateway with the session's token and purpose; never throws for GraphQL errors. */
export async function runQuery<T>(
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphResult<T>> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders(session) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    return { data: null, errors: [{ message: String(error), code: 'NETWORK_ERROR' }] };
  }
  let body: { data?: T | null; errors?: RawError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    return {
      data: null,
      errors: [{ message: `HTTP ${res.status} ${res.statusText}`, code: 'BAD_RESPONSE', status: res.status }],
    };
  }
  const errors = (body.errors ?? []).map((e): GraphError => ({
    message: typeof e.message === 'string' ? e.message : 'Unknown error',
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN',
    ...(e.path ? { path: e.path } : {}),
    ...(typeof e.extensions?.requestId === 'string' ? { requestId: e.extensions.requestId } : {}),
    ...(typeof e.extensions?.agency === 'string' ? { agency: e.extensions.agency } : {}),
    ...(typeof e.extensions?.retryAfterSeconds === 'number' ? { retryAfterSeconds: e.extensions.retryAfterSeconds } : {}),
    status: res.status,
  }));
  return { data: body.data ?? null, errors };
}

/** The field an operation names that the composed graph does not have (yet), if that is why it failed. */
export function missingField(errors: GraphError[]): string | null {
  for (const e of errors) {
    if (e.code !== 'GRAPHQL_VALIDATION_FAILED') continue;
    const m = /Cannot query field "([^"]+)"/.exec(e.message);
    if (m) return m[1] ?? null;
  }
  return null;
}

/**
 * Runs `primary` (written against the report contract); if the graph does not have one of its
 * fields yet, runs `fallback` (fields that exist today) and says which field was missing.
 */
export async function runWithFallback<T, F>(
  session: Session,
  primary: string,
  fallback: string | null,
  variables: Record<string, unknown>,
): Promise<{ primary: GraphResult<T> | null; fallback: GraphResult<F> | null; missing: string | null }> {
  const first = await runQuery<T>(session, primary, variables);
  const missing = missingField(first.errors);
  if (!missing) return { primary: first, fallback: null, missing: null };
  if (!fallback) return { primary: first, fallback: null, missing };
  return { primary: null, fallback: await runQuery<F>(session, fallback, variables), missing };
}
