import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { SubgraphCaller } from './caller';
import { faultErrors, SubgraphFault } from './fault';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** Per request: the deadline every subgraph call of it must meet. */
export interface DeadlineContext {
  deadline: number;
}

/**
 * @apollo/gateway's data source for one subgraph, on our caller instead of RemoteGraphQLDataSource.
 * A failed fetch does not throw (which would give one unpathed INTERNAL_SERVER_ERROR): it answers
 * with a coded error on every path the fetch would have filled, naming the agency, so the rest of
 * the answer stands.
 */
export class SubgraphDataSource<C extends DeadlineContext> implements GraphQLDataSource<C> {
  constructor(
    private readonly url: string,
    private readonly caller: SubgraphCaller,
    /** The headers the gateway decides to send (identity token, request id); no client header. */
    private readonly headersFor: (options: GraphQLDataSourceProcessOptions<C>) => Promise<Record<string, string>>,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<C>): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = options.request;
    if (!query) throw new Error('Missing query');
    const headers = { 'content-type': 'application/json', ...(await this.headersFor(options)) };
    const body = JSON.stringify({ query, variables, operationName });
    const deadline = options.context.deadline;
    try {
      const answer = await this.caller.call({ url: this.url, headers, body, mutation: /^\s*mutation\b/.test(query), deadline });
      if (answer.status < 200 || answer.status >= 300) throw new Error(`${answer.status}: the subgraph refused the request`);
      const parsed = JSON.parse(answer.text) as unknown;
      if (typeof parsed !== 'object' || parsed === null) throw new Error('Expected a JSON object from the subgraph');
      return parsed as GatewayGraphQLResponse;
    } catch (error) {
      if (!(error instanceof SubgraphFault)) throw error;
      return { data: null, errors: faultErrors(error, query, variables as Record<string, unknown> | undefined) };
    }
  }
}
