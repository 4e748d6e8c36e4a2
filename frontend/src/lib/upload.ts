import { rawRequest } from '@/lib/api/client';
import { ApiError, toProblem } from '@/lib/api/problem';

/** Multipart upload of one file through the authenticated fetch (the typed client speaks JSON). */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const response = await rawRequest(path, { method: 'POST', body: form });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, toProblem(response.status, body));
  return body as T;
}
