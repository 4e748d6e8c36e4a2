export interface AuthFetchDeps {
  getAccessToken: () => string | null;
  /** Obtain a new access token (single-flight); rejects when the session is over. */
  refresh: () => Promise<string>;
  fetch: (request: Request) => Promise<Response>;
}

const TOKEN_PATH = '/api/v1/auth/token';

/**
 * fetch that adds the bearer token and, on a 401, refreshes once and retries.
 * Requests that were sent with a token already replaced by a parallel refresh
 * are retried with the current token without refreshing again.
 */
export function createAuthFetch(deps: AuthFetchDeps) {
  return async function authFetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === TOKEN_PATH) return deps.fetch(request);
    const spare = request.clone();
    const used = deps.getAccessToken();
    if (used) request.headers.set('Authorization', `Bearer ${used}`);
    const response = await deps.fetch(request);
    if (response.status !== 401) return response;

    let next = deps.getAccessToken();
    if (!next || next === used) {
      try {
        next = await deps.refresh();
      } catch {
        return response;
      }
    }
    spare.headers.set('Authorization', `Bearer ${next}`);
    return deps.fetch(spare);
  };
}
