import { ErrorCode } from '@gnbv/platform';
import { Kind, parse, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** Why a subgraph call failed, as a client can act on it. */
export type FaultKind = 'unavailable' | 'timeout' | 'circuit-open' | 'overloaded';

const CODES: Record<FaultKind, ErrorCode> = {
  unavailable: ErrorCode.SUBGRAPH_UNAVAILABLE,
  timeout: ErrorCode.SUBGRAPH_TIMEOUT,
  'circuit-open': ErrorCode.SUBGRAPH_CIRCUIT_OPEN,
  overloaded: ErrorCode.SUBGRAPH_OVERLOADED,
};

/**
 * A failed call to one agency's subgraph. Its message names the agency and what happened, never a
 * host, URL or stack; `retryable` is whether the same request may succeed later.
 */
export class SubgraphFault extends Error {
  constructor(
    readonly kind: FaultKind,
    readonly agency: string,
    readonly detail: string,
    /** Worth retrying (by the gateway, for a query) or asking again later (by the client). */
    readonly retryable = true,
    /** A wait the agency or the breaker asked for. */
    readonly retryAfterMs?: number,
    /** Whether the gateway itself may send a query again (a refused connection, a 5xx, a 429). */
    readonly gatewayMayRetry = false,
  ) {
    super(`${agency}: ${kind} (${detail})`);
    this.name = 'SubgraphFault';
  }

  get code(): ErrorCode {
    return CODES[this.kind];
  }

  /** The client-facing message. */
  clientMessage(): string {
    const what: Record<FaultKind, string> = {
      unavailable: `the ${this.agency} agency's service is unavailable`,
      timeout: `the ${this.agency} agency's service did not answer in time (${this.detail})`,
      'circuit-open': `the ${this.agency} agency's service is failing, so the gateway has stopped calling it for a moment`,
      overloaded: `the ${this.agency} agency's service is overloaded`,
    };
    const after = this.retryAfterMs !== undefined ? ` Retry after ${Math.max(1, Math.ceil(this.retryAfterMs / 1000))} s.` : '';
    return `Data of the ${this.agency} agency is missing from this answer: ${what[this.kind]}.${
      this.retryable ? ' Retrying later may help.' : ''
    }${after}`;
  }

  extensions(): Record<string, unknown> {
    return {
      code: this.code,
      agency: this.agency,
      retryable: this.retryable,
      ...(this.retryAfterMs !== undefined ? { retryAfterSeconds: Math.max(1, Math.ceil(this.retryAfterMs / 1000)) } : {}),
    };
  }
}

function responseNames(selectionSet: SelectionSetNode, into: Set<string>): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (name !== '__typename') into.add(name);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      responseNames(selection.selectionSet, into);
    }
  }
  return into;
}

/**
 * One coded error per path the failed fetch would have filled. For an entity fetch these are
 * `_entities/i/field`, which @apollo/gateway turns into each entity's own path in the answer
 * (e.g. `commune/households/3/productionSupports`); for a root fetch, the root fields. Parsed only
 * when a fetch fails, so no cache is kept.
 */
export function faultErrors(fault: SubgraphFault, query: string, variables?: Record<string, unknown>): GraphQLFormattedError[] {
  const base = { message: fault.clientMessage(), extensions: fault.extensions() };
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    operation = undefined;
  }
  if (!operation) return [base];
  const representations = variables?.representations;
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities') as
    { selectionSet?: SelectionSetNode } | undefined;
  if (Array.isArray(representations) && entities?.selectionSet) {
    const fields = [...responseNames(entities.selectionSet, new Set())];
    return representations.flatMap((_, i) =>
      fields.length ? fields.map((f) => ({ ...base, path: ['_entities', i, f] })) : [{ ...base, path: ['_entities', i] }],
    );
  }
  return [...responseNames(operation.selectionSet, new Set())].map((f) => ({ ...base, path: [f] }));
}
