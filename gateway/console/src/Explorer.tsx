import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { useMemo, type ComponentProps } from 'react';
import { authHeaders, type Session } from './session';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const DEFAULT_QUERY = `# Hộ nghèo, cận nghèo của tỉnh 11 và các xã năm 2025
query ProvinceCounts {
  adminUnit(code: "11") {
    name
    householdCounts(year: 2025) { total poor nearPoor }
    children { code name householdCounts(year: 2025) { total poor nearPoor } }
  }
}
`;

/**
 * GraphiQL 5, bundled (Monaco's workers are files of this site, no CDN). Every request carries
 * the signed-in session's token and purpose; they are not shown in GraphiQL's headers editor, so
 * GraphiQL never stores them.
 */
export default function Explorer({ session }: { session: Session }) {
  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(options?.headers ?? {}),
          ...authHeaders(session),
        },
        body: JSON.stringify(params),
      });
      return res.json();
    },
    [session],
  );
  return (
    <div className="explorer" data-testid="explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} initialQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
    </div>
  );
}
