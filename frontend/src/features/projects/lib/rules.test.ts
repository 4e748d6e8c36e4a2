import { describe, expect, it } from 'vitest';
import { creditCodeProblem, openGaps, scoreTotals, toWanString, transitionFields } from './rules';

describe('project rules', () => {
  it('validates the 统一社会信用代码 check character', () => {
    expect(creditCodeProblem('91430300MA4L1234X0')).not.toBeNull();
    expect(creditCodeProblem('91110000100000000A')).toBe('统一社会信用代码校验位不正确');
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('123')).toBe('统一社会信用代码应为 18 位');
    expect(creditCodeProblem('91350100M000100YI3')).toMatch(/无效字符/);
  });

  it('turns typed 万元 amounts into decimal strings', () => {
    expect(toWanString('12,000.5')).toBe('12000.5');
    expect(toWanString(9800)).toBe('9800');
    expect(toWanString('007')).toBe('7');
    expect(toWanString('')).toBeNull();
    expect(() => toWanString('-1')).toThrow(/非负数/);
    expect(() => toWanString('1.234')).toThrow();
  });

  it('asks for signing fields and hides gaps the user is filling in', () => {
    expect(transitionFields('signed')).toEqual(['signed_date', 'signed_amount', 'agreement_type']);
    expect(transitionFields('contact')).toEqual([]);
    const target = {
      stage: 'signed',
      kind: 'forward',
      reason_required: false,
      missing: ['需要招商统筹的审核通过记录', '需要签约日期', '需要签约金额'],
    };
    expect(openGaps(target, { signed_date: '2026-03-01' })).toEqual(['需要招商统筹的审核通过记录', '需要签约金额']);
    expect(scoreTotals([{ score: 20, max_score: 25 }, { score: 18, max_score: 25 }])).toEqual({ total: 38, max: 50 });
  });
});
