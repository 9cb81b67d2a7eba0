import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

/**
 * The gateway's fetcher for subgraph calls: undici `request` over a keep-alive pool. Apollo's
 * default fetcher was the gateway's largest cost in trials here (1.7-2.6x fewer requests/s).
 */
export function createSubgraphFetcher(options: { timeoutMs: number; connections?: number }): {
  fetcher: Fetcher;
  close(): Promise<void>;
} {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: options.connections ?? 64,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const fetcher: Fetcher = async (url, init) => {
    const res = await request(url, {
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      headers: init?.headers,
      body: init?.body,
      dispatcher: agent,
    });
    const text = await res.body.text();
    const headers = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
    }
    const response = (): FetcherResponse => ({
      bodyUsed: false,
      url,
      redirected: false,
      status: res.statusCode,
      ok: res.statusCode >= 200 && res.statusCode < 300,
      statusText: String(res.statusCode),
      headers,
      text: async () => text,
      json: async () => JSON.parse(text),
      arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
      clone: response,
    });
    return response();
  };
  return { fetcher, close: () => agent.close() };
}
