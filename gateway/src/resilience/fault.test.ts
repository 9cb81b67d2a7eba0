import { faultErrors, SubgraphFault } from './fault';

describe('fault errors', () => {
  const fault = new SubgraphFault('timeout', 'agriculture', 'no answer within 500 ms');

  it('an entity fetch gives one coded error per entity and field, for the gateway to place', () => {
    const query =
      'query Q__agriculture__1($representations:[_Any!]!){_entities(representations:$representations){...on Household{__typename productionSupports{id} p3: productionSupports{id}}}}';
    const errors = faultErrors(fault, query, { representations: [{}, {}] });
    expect(errors.map((e) => e.path)).toEqual([
      ['_entities', 0, 'productionSupports'],
      ['_entities', 0, 'p3'],
      ['_entities', 1, 'productionSupports'],
      ['_entities', 1, 'p3'],
    ]);
    expect(errors[0]?.extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT', agency: 'agriculture', retryable: true });
    expect(errors[0]?.message).toMatch(/^Data of the agriculture agency is missing from this answer/);
  });

  it('a root fetch gives one error per root field', () => {
    expect(faultErrors(fault, '{ productionProjects { id } total: productionProjectCount }').map((e) => e.path)).toEqual([
      ['productionProjects'],
      ['total'],
    ]);
  });

  it('says when to retry if the breaker or the agency said so', () => {
    const open = new SubgraphFault('circuit-open', 'culture-information', 'circuit open', true, 5_000);
    expect(open.clientMessage()).toMatch(/Retry after 5 s\.$/);
    expect(open.extensions()).toMatchObject({ code: 'SUBGRAPH_CIRCUIT_OPEN', retryAfterSeconds: 5 });
  });
});
