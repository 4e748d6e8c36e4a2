import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrors, problemField, STALE_VERSION_MESSAGE, toProblem, unwrap } from './problem';

const problemBody = {
  type: 'https://zhaoshangtong/problems/validation',
  title: 'Unprocessable Content',
  status: 422,
  detail: '提交的数据有误',
  code: 'validation_error',
  errors: [
    { loc: ['body', 'password'], msg: '密码至少 10 位，且须包含字母和数字', type: 'value_error' },
    { loc: ['body', 'username'], msg: '账号已存在', type: 'unique' },
    { loc: ['query', 'limit'], msg: '超出范围', type: 'range' },
  ],
};

describe('problem+json handling', () => {
  it('unwrap throws an ApiError carrying the Chinese detail and code', async () => {
    const response = new Response(JSON.stringify(problemBody), { status: 422 });
    const call = Promise.resolve({ error: problemBody, response });
    const err = await unwrap(call).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('validation_error');
    expect(errorMessage(err)).toBe('提交的数据有误');
  });

  it('maps field errors onto the form fields named by the last loc element', () => {
    const err = new ApiError(422, toProblem(422, problemBody));
    expect(fieldErrors(err, ['username', 'password', 'full_name'])).toEqual([
      { name: 'password', errors: ['密码至少 10 位，且须包含字母和数字'] },
      { name: 'username', errors: ['账号已存在'] },
    ]);
  });

  it('shows the stale-version sentence for 412 and a Chinese fallback for bodies without detail', () => {
    const stale = new ApiError(412, toProblem(412, { code: 'precondition_failed', detail: 'x' }));
    expect(errorMessage(stale)).toBe(STALE_VERSION_MESSAGE);
    const bare = new ApiError(502, toProblem(502, 'Bad Gateway'));
    expect(errorMessage(bare)).toBe('服务器开小差了，请稍后再试');
    expect(bare.code).toBe('http_502');
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('网络连接失败，请检查网络后重试');
  });

  it('keeps extension members such as a gate\'s missing items', () => {
    const gate = { status: 422, code: 'gate_not_met', detail: '尚不满足推进条件', missing: ['需要签约日期'] };
    const err = new ApiError(422, toProblem(422, gate));
    expect(problemField(err, 'missing')).toEqual(['需要签约日期']);
    expect(problemField(err, 'rows')).toBeUndefined();
    expect(problemField(new Error('x'), 'missing')).toBeUndefined();
  });
});
