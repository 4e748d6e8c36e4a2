/**
 * Wrap an async function so concurrent callers share one in-flight call.
 * Refresh tokens rotate on use: two parallel refreshes would replay the old
 * token and the server would revoke the whole session.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let inflight: Promise<T> | null = null;
  return () => {
    inflight ??= fn().finally(() => {
      inflight = null;
    });
    return inflight;
  };
}
