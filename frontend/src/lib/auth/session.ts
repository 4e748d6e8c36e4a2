import { api, formUrlEncoded, publicApi, setFetchHandler } from '@/lib/api/client';
import { ApiError, toProblem, unwrap } from '@/lib/api/problem';
import type { Me, Schemas, TokenResponse } from '@/lib/api/types';
import { queryClient } from '@/lib/query-client';
import { forgetSearches } from '@/lib/url-filters';
import { createAuthFetch } from './auth-fetch';
import { singleFlight } from './single-flight';
import { clearTokens, getAccessToken, getRefreshToken, storeTokens } from './tokens';

export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous';

export interface SessionSnapshot {
  status: SessionStatus;
  me: Me | null;
  /** A message for the login page (why the session ended). */
  notice: string | null;
  /** The user ended the session themselves: don't return to the last page on next login. */
  signedOut: boolean;
}

let snapshot: SessionSnapshot = {
  status: getRefreshToken() ? 'restoring' : 'anonymous',
  me: null,
  notice: null,
  signedOut: false,
};
const listeners = new Set<() => void>();

function setSnapshot(next: Partial<SessionSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  listeners.forEach((l) => l());
}

export const sessionStore = {
  getSnapshot: (): SessionSnapshot => snapshot,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function applyTokens(tokens: TokenResponse): void {
  storeTokens(tokens);
  clearTimeout(refreshTimer);
  // Refresh a minute before expiry (or at 80 % for very short lifetimes).
  const seconds = Math.max(tokens.expires_in - 60, tokens.expires_in * 0.8, 5);
  refreshTimer = setTimeout(() => {
    refreshAccessToken().catch(() => undefined);
  }, seconds * 1000);
}

function endSession(notice: string | null, signedOut = false): void {
  clearTimeout(refreshTimer);
  clearTokens();
  forgetSearches();
  queryClient.clear();
  setSnapshot({ status: 'anonymous', me: null, notice, signedOut });
}

function requestToken(body: Schemas['Body_issue_token']) {
  return unwrap(
    publicApi.POST('/api/v1/auth/token', {
      body,
      bodySerializer: formUrlEncoded,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
}

async function refreshOnce(): Promise<string> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) {
    throw new ApiError(401, toProblem(401, { code: 'not_authenticated', detail: '请先登录' }));
  }
  try {
    const tokens = await requestToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    applyTokens(tokens);
    return tokens.access_token;
  } catch (err) {
    // The server said no (expired, revoked, replayed): the session is over.
    // A network failure keeps the tokens so a later attempt can succeed.
    if (err instanceof ApiError) {
      endSession(snapshot.status === 'authenticated' ? '登录已过期，请重新登录' : null);
    }
    throw err;
  }
}

/** Single-flight refresh: concurrent callers share one token request. */
export const refreshAccessToken = singleFlight(refreshOnce);

setFetchHandler(
  createAuthFetch({
    getAccessToken,
    refresh: refreshAccessToken,
    fetch: (request) => globalThis.fetch(request),
  }),
);

function loadMe(): Promise<Me> {
  return unwrap(api.GET('/api/v1/auth/me'));
}

let restoring: Promise<void> | null = null;

/** On app load: use a stored refresh token to restore the session (runs once). */
export function restoreSession(): Promise<void> {
  restoring ??= (async () => {
    if (!getRefreshToken()) {
      setSnapshot({ status: 'anonymous' });
      return;
    }
    try {
      await refreshAccessToken();
      setSnapshot({ status: 'authenticated', me: await loadMe(), notice: null, signedOut: false });
    } catch {
      endSession(null);
    }
  })();
  return restoring;
}

export async function login(username: string, password: string): Promise<Me> {
  const tokens = await requestToken({ grant_type: 'password', username, password });
  applyTokens(tokens);
  try {
    const me = await loadMe();
    setSnapshot({ status: 'authenticated', me, notice: null, signedOut: false });
    return me;
  } catch (err) {
    endSession(null);
    throw err;
  }
}

export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken();
  try {
    if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  } catch {
    // Leaving is local first: a failed network call must not keep the user in.
  } finally {
    endSession(null, true);
  }
}

export async function logoutAll(): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/logout-all'));
  endSession('已退出所有设备，请重新登录', true);
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await unwrap(
    api.POST('/api/v1/auth/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
  );
  endSession('密码已修改，请重新登录', true);
}

export function clearNotice(): void {
  if (snapshot.notice) setSnapshot({ notice: null });
}
