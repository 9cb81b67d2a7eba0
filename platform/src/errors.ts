import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Every error code a client can see. Add here first; nothing else invents codes. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // An agency's data is missing from a federated answer (the gateway, per affected path; `agency`
  // names it and `retryable` says whether asking again later may help):
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  SUBGRAPH_CIRCUIT_OPEN: 'SUBGRAPH_CIRCUIT_OPEN',
  SUBGRAPH_OVERLOADED: 'SUBGRAPH_OVERLOADED',
  // HTTP-level refusals, answered before GraphQL runs (HttpError):
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));
// Codes Apollo Server itself produces for malformed requests: safe to pass through.
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** A coded client error. `field` names the input that must change, when there is one. */
export function clientError(
  code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
  message: string,
  extra: { field?: string; [key: string]: unknown } = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (field: string, message: string) =>
  clientError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

export const notFound = (what: string) => clientError(ErrorCode.NOT_FOUND, `${what} was not found, or you may not see it.`);

export const conflict = (message: string) => clientError(ErrorCode.CONFLICT, message);

/** A CONFLICT about one argument or input field: named in the message and in `extensions.field`, as `badInput` does. */
export const conflictOn = (field: string, message: string) => clientError(ErrorCode.CONFLICT, `${field}: ${message}`, { field });

/** True when an error is one we meant a client to see (coded, not wrapping a thrown fault). */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  if (typeof code !== 'string' || code === ErrorCode.INTERNAL_SERVER_ERROR) return false;
  if (!PUBLIC_CODES.has(code) && !APOLLO_REQUEST_CODES.has(code)) return false;
  // A GraphQLError wrapping a thrown Error is a fault, whatever code it got. (The gateway wraps
  // a subgraph's already-masked JSON error as a plain object: that one is passed on.)
  const inner = error.originalError;
  return !(inner instanceof Error && !(inner instanceof GraphQLError));
}

/** The message a client gets instead of an internal fault. */
export const INTERNAL_MESSAGE = 'Internal error. Quote the request id when reporting it.';

/**
 * Apollo `formatError`: client errors keep their code and message; anything else (a bug, a
 * database error, a network failure) becomes a generic message, so no SQL, stack or host name
 * ever leaves the service. `errorPlugin` logs the original and adds the request id.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const coded = typeof code === 'string' && (PUBLIC_CODES.has(code) || APOLLO_REQUEST_CODES.has(code));
  const clientFacing = original instanceof GraphQLError ? isClientError(original) : coded;
  if (clientFacing && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: INTERNAL_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
