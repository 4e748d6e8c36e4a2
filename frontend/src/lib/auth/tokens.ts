import type { TokenResponse } from '@/lib/api/types';

// Refresh token lives in sessionStorage (per tab, gone when the tab closes),
// never localStorage; the access token only in memory.
const REFRESH_KEY = 'zst.refresh_token';

let accessToken: string | null = null;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return storage()?.getItem(REFRESH_KEY) ?? null;
}

export function storeTokens(tokens: TokenResponse): void {
  accessToken = tokens.access_token;
  if (tokens.refresh_token) storage()?.setItem(REFRESH_KEY, tokens.refresh_token);
}

export function clearTokens(): void {
  accessToken = null;
  storage()?.removeItem(REFRESH_KEY);
}
