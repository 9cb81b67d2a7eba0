import type { Route } from '@gnbv/platform';

/**
 * A browser opening GET /graphql (Accept: text/html) is sent to the console's explorer at
 * /explorer (GraphiQL, bundled with the console: no CDN). Only when the explorer is on.
 */
export const explorerRedirect: Route = (req, res, url) => {
  if (req.method !== 'GET' || url.pathname !== '/graphql' || !String(req.headers.accept ?? '').includes('text/html'))
    return false;
  // A GraphQL GET request (with ?query=) is an API call, not a page.
  if (url.searchParams.has('query')) return false;
  res.writeHead(302, { location: '/explorer', 'cache-control': 'no-store' });
  res.end();
  return true;
};
