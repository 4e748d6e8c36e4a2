import createClient from 'openapi-fetch';
import type { paths } from './schema';

// Absolute base URL: relative URLs don't parse under Vitest/jsdom-less runs.
const origin = typeof window !== 'undefined' ? window.location.origin : 'http://127.0.0.1';

type FetchHandler = (request: Request) => Promise<Response>;
let fetchHandler: FetchHandler = (request) => globalThis.fetch(request);

/** The session module installs the token-aware fetch here (avoids an import cycle). */
export function setFetchHandler(handler: FetchHandler): void {
  fetchHandler = handler;
}

/** Authenticated API client: adds the bearer token, refreshes once on 401. */
export const api = createClient<paths>({ baseUrl: origin, fetch: (request) => fetchHandler(request) });

/** Client without credentials, for the token endpoint. */
export const publicApi = createClient<paths>({ baseUrl: origin, fetch: (request) => globalThis.fetch(request) });

export function formUrlEncoded(body: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return params;
}

/** Strong ETag / If-Match value for a row version. */
export function ifMatch(version: number | string): string {
  return `"${version}"`;
}

/**
 * An authenticated request outside the typed client, for file transfers (xlsx
 * downloads and multipart uploads) whose routes carry no JSON models.
 */
export function rawRequest(path: string, init?: RequestInit): Promise<Response> {
  return fetchHandler(new Request(new URL(path, origin), init));
}

/** Query string with repeated keys for arrays (`stage=a&stage=b`), skipping empty values. */
export function toQueryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
