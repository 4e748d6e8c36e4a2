import { describe, expect, it } from 'vitest';
import { availableActions, describeSkipped } from './actions';

const keys = (state: string, actions: string[]) => availableActions(state, actions).map((a) => a.key);

describe('ticket buttons', () => {
  it('shows only what the server allows, in working order', () => {
    expect(keys('submitted', ['cancelled', 'assigned', 'comment', 'attach'])).toEqual(['assign', 'cancel']);
    expect(keys('assigned', ['accepted', 'comment'])).toEqual(['accept']);
    expect(keys('in_progress', ['resolved', 'comment', 'attach'])).toEqual(['resolve']);
    expect(keys('in_progress', ['cancelled', 'nudge', 'escalate', 'comment'])).toEqual(['nudge', 'escalate', 'cancel']);
    expect(keys('closed', [])).toEqual([]);
  });

  it('reads in_progress as 开始办理 after 签收 and as 退回 from 已反馈', () => {
    const start = availableActions('accepted', ['in_progress']);
    expect(start.map((a) => [a.key, a.label, a.noteRequired ?? false])).toEqual([['start', '开始办理', false]]);
    const fromResolved = availableActions('resolved', ['closed', 'in_progress', 'instruct']);
    expect(fromResolved.map((a) => a.label)).toEqual(['确认办结', '退回', '领导批示']);
    const ret = fromResolved.find((a) => a.key === 'return')!;
    expect(ret.toState).toBe('in_progress');
    expect(ret.noteRequired).toBe(true);
  });

  it('needs a note for 反馈, 撤销 and 督办', () => {
    const specs = availableActions('in_progress', ['resolved', 'cancelled', 'escalate']);
    expect(specs.every((s) => s.noteRequired)).toBe(true);
    expect(specs.map((s) => s.noteLabel)).toEqual(['办理结果', '督办原因', '撤销原因']);
  });
});

describe('skipped days of a due date', () => {
  it('tells weekends from holidays on weekdays', () => {
    expect(describeSkipped(['2026-10-01', '2026-10-03', '2026-11-29'])).toEqual([
      { date: '2026-10-01', text: '10月1日 周四', kind: '节假日' },
      { date: '2026-10-03', text: '10月3日 周六', kind: '周末' },
      { date: '2026-11-29', text: '11月29日 周日', kind: '周末' },
    ]);
  });
});
