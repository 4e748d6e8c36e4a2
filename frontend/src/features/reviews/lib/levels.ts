/** 三级联审 bookkeeping the page needs beyond the API's fields. */

const PASSED = new Set(['approved', 'conditional']);

/** Candidates the 常务会议 decides on: those the 联审会 approved, with or without conditions. */
export function passedCandidates<T extends { verdict?: string | null }>(candidates: readonly T[]): T[] {
  return candidates.filter((c) => !!c.verdict && PASSED.has(c.verdict));
}

/** Index of the current level for antd Steps: 0 提名, 1 联审, 2 常务会议, 3 all done. */
export function currentLevel(round: { state: string; candidate_count: number; reviewed_count: number }): number {
  if (round.state === 'decided') return 3;
  if (round.state === 'reviewed') return 2;
  return round.candidate_count > 0 && round.reviewed_count > 0 ? 1 : 0;
}

/** Why the server does not offer 确定清单 yet (shown instead of the button), or null. */
export function decideBlocker(round: { state: string; candidate_count: number; reviewed_count: number }): string | null {
  if (round.candidate_count === 0) return '还没有候选项目';
  const pending = round.candidate_count - round.reviewed_count;
  if (pending > 0) return `还有 ${pending} 个候选项目没有联审意见`;
  return null;
}

/** The year a new round is most likely for: this one, or the next once this one has its round. */
export function nextRoundYear(existing: readonly number[], thisYear: number): number {
  let year = thisYear;
  while (existing.includes(year)) year += 1;
  return year;
}
