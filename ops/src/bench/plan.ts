import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';

/*
 * The query plan @apollo/gateway makes for an operation, from the same supergraph and the same
 * planner release: what the benchmark sends straight to a subgraph (the floor) and what the
 * invariant tests compare the gateway's subgraph requests with.
 */

/** Plans operations against one supergraph. */
export interface Planner {
  /** The fetch nodes of the operation's plan, in plan order (each is one subgraph request when it runs). */
  fetches(query: string, operationName?: string): FetchNode[];
  /** How many fetch nodes the plan holds per subgraph (by the supergraph's subgraph name). */
  fetchesPerSubgraph(query: string, operationName?: string): Record<string, number>;
}

function collect(node: PlanNode | SubscriptionNode | undefined, out: FetchNode[]): void {
  if (!node) return;
  switch (node.kind) {
    case 'Fetch':
      out.push(node);
      return;
    case 'Sequence':
    case 'Parallel':
      for (const n of node.nodes) collect(n, out);
      return;
    case 'Flatten':
      collect(node.node, out);
      return;
    case 'Condition':
      collect(node.ifClause, out);
      collect(node.elseClause, out);
      return;
    case 'Defer':
      collect(node.primary.node, out);
      for (const d of node.deferred) collect(d.node, out);
      return;
    case 'Subscription':
      collect(node.primary, out);
      collect(node.rest, out);
      return;
  }
}

/** A planner for the supergraph SDL (e.g. the committed schema/supergraph.graphql). */
export function createPlanner(supergraphSdl: string): Planner {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const api = supergraph.apiSchema();
  const fetches = (query: string, operationName?: string) => {
    const operation = operationFromDocument(api, parse(query), operationName ? { operationName } : {});
    const plan: QueryPlan = planner.buildQueryPlan(operation);
    const out: FetchNode[] = [];
    collect(plan.node, out);
    return out;
  };
  return {
    fetches,
    fetchesPerSubgraph(query, operationName) {
      const counts: Record<string, number> = {};
      for (const f of fetches(query, operationName)) counts[f.serviceName] = (counts[f.serviceName] ?? 0) + 1;
      return counts;
    },
  };
}

/** The supergraph with each subgraph's URL replaced by `urls[name]` (names as in `join__Graph`). */
export function supergraphWithUrls(supergraphSdl: string, urls: Record<string, string>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}
