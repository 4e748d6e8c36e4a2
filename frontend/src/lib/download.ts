import { rawRequest } from '@/lib/api/client';
import { ApiError, toProblem } from '@/lib/api/problem';

/** Save a blob fetched through the authenticated client (downloads need the bearer token). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** File name from a Content-Disposition header (RFC 5987 `filename*` first), else the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Download a file the API serves (letters, attachments): through the authenticated
 * fetch, so the bearer token goes along; an error body becomes an ApiError.
 */
export async function downloadFile(path: string, fallback: string): Promise<void> {
  const response = await rawRequest(path);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, toProblem(response.status, body));
  }
  saveBlob(await response.blob(), filenameFrom(response.headers.get('Content-Disposition'), fallback));
}
