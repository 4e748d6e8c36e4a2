import { describe, expect, it } from 'vitest';
import { currentLevel, decideBlocker, nextRoundYear, passedCandidates } from './levels';

describe('三级联审 levels', () => {
  it('sends approved and conditional candidates to the 常务会议', () => {
    const candidates = [
      { id: 'a', verdict: 'approved' },
      { id: 'b', verdict: 'rejected' },
      { id: 'c', verdict: 'conditional' },
      { id: 'd', verdict: 'deferred' },
      { id: 'e', verdict: null },
    ];
    expect(passedCandidates(candidates).map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('tells which level the round is at', () => {
    expect(currentLevel({ state: 'nominating', candidate_count: 0, reviewed_count: 0 })).toBe(0);
    expect(currentLevel({ state: 'nominating', candidate_count: 3, reviewed_count: 1 })).toBe(1);
    expect(currentLevel({ state: 'reviewed', candidate_count: 3, reviewed_count: 3 })).toBe(2);
    expect(currentLevel({ state: 'decided', candidate_count: 3, reviewed_count: 3 })).toBe(3);
  });

  it('explains why the list cannot be decided yet', () => {
    expect(decideBlocker({ state: 'nominating', candidate_count: 0, reviewed_count: 0 })).toBe('还没有候选项目');
    expect(decideBlocker({ state: 'nominating', candidate_count: 3, reviewed_count: 1 })).toBe(
      '还有 2 个候选项目没有联审意见',
    );
    expect(decideBlocker({ state: 'reviewed', candidate_count: 3, reviewed_count: 3 })).toBeNull();
  });

  it('offers next year for a new round once this year has one', () => {
    expect(nextRoundYear([], 2026)).toBe(2026);
    expect(nextRoundYear([2026, 2025], 2026)).toBe(2027);
    expect(nextRoundYear([2027, 2026], 2026)).toBe(2028);
  });
});
