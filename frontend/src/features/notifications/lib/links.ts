/**
 * Where a notification leads inside the SPA: its `link` when that is a path on this
 * site, else the ticket it concerns. A link to another origin is never followed.
 */
export function notificationTarget(
  n: { link: string; ticket_id?: string | null },
  origin: string = window.location.origin,
): string | null {
  try {
    const url = new URL(n.link, origin);
    if (url.origin === origin) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    /* fall through */
  }
  return n.ticket_id ? `/tickets/${n.ticket_id}` : null;
}
