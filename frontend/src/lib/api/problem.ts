import type { Problem } from './types';

export const STALE_VERSION_MESSAGE = '该记录已被他人修改，请刷新后重试';
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '记录不存在或无权查看',
  409: '数据冲突，请刷新后重试',
  412: STALE_VERSION_MESSAGE,
  422: '提交的数据有误，请检查后重试',
  428: '缺少版本信息，请刷新后重试',
  429: '操作过于频繁，请稍后再试',
};

export type FieldProblem = NonNullable<Problem['errors']>[number];

/** An RFC 9457 problem returned by the API, thrown by `unwrap`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** Turn whatever a failed response carried into a Problem the UI can show. */
export function toProblem(status: number, body: unknown): Problem {
  const fallback = STATUS_MESSAGES[status] ?? (status >= 500 ? '服务器开小差了，请稍后再试' : `请求失败（${status}）`);
  if (body && typeof body === 'object') {
    const b = body as Partial<Problem> & { detail?: unknown };
    return {
      // Extra members (e.g. `missing`, `allowed`, `rows`) stay readable through problemField().
      ...(b as object),
      type: typeof b.type === 'string' ? b.type : 'about:blank',
      title: typeof b.title === 'string' ? b.title : fallback,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' && b.detail ? b.detail : fallback,
      code: typeof b.code === 'string' ? b.code : `http_${status}`,
      instance: typeof b.instance === 'string' ? b.instance : null,
      request_id: typeof b.request_id === 'string' ? b.request_id : null,
      errors: Array.isArray(b.errors) ? b.errors : null,
    };
  }
  return {
    type: 'about:blank',
    title: fallback,
    status,
    detail: fallback,
    code: `http_${status}`,
    instance: null,
    request_id: null,
    errors: null,
  };
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Return the data of an openapi-fetch result, or throw an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, toProblem(response.status, error));
  return data as T;
}

/** An extension member of a problem (`missing`, `allowed`, `rows` …), or undefined. */
export function problemField(err: unknown, name: string): unknown {
  if (!(err instanceof ApiError)) return undefined;
  return (err.problem as unknown as Record<string, unknown>)[name];
}

/** The Chinese sentence to show a person for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 412 || err.code === 'precondition_failed') return STALE_VERSION_MESSAGE;
    return err.problem.detail;
  }
  if (err instanceof TypeError) return NETWORK_MESSAGE;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

/**
 * Map a problem's field errors onto form fields: an error whose loc ends with a
 * known field name goes to that field. Returns antd `setFields` input.
 */
export function fieldErrors(
  err: unknown,
  fieldNames: readonly string[],
): { name: string; errors: string[] }[] {
  if (!(err instanceof ApiError) || !err.problem.errors) return [];
  const byField = new Map<string, string[]>();
  for (const e of err.problem.errors) {
    const last = e.loc.length ? String(e.loc[e.loc.length - 1]) : '';
    if (!fieldNames.includes(last)) continue;
    byField.set(last, [...(byField.get(last) ?? []), e.msg]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
