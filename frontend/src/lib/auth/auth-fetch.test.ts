import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch } from './auth-fetch';
import { singleFlight } from './single-flight';

const BASE = 'http://127.0.0.1';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake server that accepts only the given token. */
function serverAccepting(getValid: () => string) {
  return vi.fn(async (request: Request) => {
    const auth = request.headers.get('Authorization');
    if (auth !== `Bearer ${getValid()}`) return new Response(null, { status: 401 });
    const body = request.method === 'POST' ? await request.text() : '';
    return Response.json({ ok: true, path: new URL(request.url).pathname, body });
  });
}

describe('singleFlight', () => {
  it('shares one in-flight call between concurrent callers and allows a new one afterwards', async () => {
    const gate = deferred<string>();
    const fn = vi.fn(() => gate.promise);
    const run = singleFlight(fn);
    const a = run();
    const b = run();
    expect(fn).toHaveBeenCalledTimes(1);
    gate.resolve('token-2');
    await expect(Promise.all([a, b])).resolves.toEqual(['token-2', 'token-2']);
    fn.mockResolvedValueOnce('token-3');
    await expect(run()).resolves.toBe('token-3');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('lets the next call retry after a failure', async () => {
    const fn = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce('ok');
    const run = singleFlight(fn);
    await expect(run()).rejects.toThrow('down');
    await expect(run()).resolves.toBe('ok');
  });
});

describe('createAuthFetch', () => {
  it('refreshes once for concurrent 401s and retries every request with the new token', async () => {
    let current = 'expired';
    const server = serverAccepting(() => 'fresh');
    const gate = deferred<void>();
    const refreshImpl = vi.fn(async () => {
      await gate.promise;
      current = 'fresh';
      return current;
    });
    const authFetch = createAuthFetch({
      getAccessToken: () => current,
      refresh: singleFlight(refreshImpl),
      fetch: server,
    });

    const pending = Promise.all([
      authFetch(new Request(`${BASE}/api/v1/users`)),
      authFetch(new Request(`${BASE}/api/v1/units`)),
      authFetch(new Request(`${BASE}/api/v1/users`, { method: 'POST', body: '{"a":1}' })),
    ]);
    await vi.waitFor(() => expect(refreshImpl).toHaveBeenCalledTimes(1));
    gate.resolve();
    const responses = await pending;

    expect(refreshImpl).toHaveBeenCalledTimes(1);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    // The retried POST still carries its body.
    expect(await responses[2].json()).toMatchObject({ body: '{"a":1}' });
  });

  it('retries with the current token without refreshing when another request already refreshed', async () => {
    let current = 'old';
    const server = vi.fn((request: Request) => {
      // Token rotates while this request is in flight.
      current = 'new';
      return Promise.resolve(
        request.headers.get('Authorization') === 'Bearer new'
          ? new Response('{}', { status: 200 })
          : new Response(null, { status: 401 }),
      );
    });
    const refresh = vi.fn(() => Promise.resolve('never'));
    const authFetch = createAuthFetch({ getAccessToken: () => current, refresh, fetch: server });
    const res = await authFetch(new Request(`${BASE}/api/v1/auth/me`));
    expect(res.status).toBe(200);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('returns the 401 when the refresh fails (session over)', async () => {
    const server = serverAccepting(() => 'unreachable');
    const refresh = vi.fn(() => Promise.reject(new Error('refresh token revoked')));
    const authFetch = createAuthFetch({ getAccessToken: () => 'expired', refresh, fetch: server });
    const res = await authFetch(new Request(`${BASE}/api/v1/auth/me`));
    expect(res.status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server).toHaveBeenCalledTimes(1);
  });

  it('never adds a token to or retries the token endpoint', async () => {
    const server = vi.fn(() => Promise.resolve(new Response(null, { status: 401 })));
    const refresh = vi.fn(() => Promise.resolve('x'));
    const authFetch = createAuthFetch({ getAccessToken: () => 'tok', refresh, fetch: server });
    const res = await authFetch(new Request(`${BASE}/api/v1/auth/token`, { method: 'POST', body: 'grant_type=password' }));
    expect(res.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
    const sent = server.mock.calls[0] as unknown as [Request];
    expect(sent[0].headers.get('Authorization')).toBeNull();
  });
});
