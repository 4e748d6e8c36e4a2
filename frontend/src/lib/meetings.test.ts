import { describe, expect, it } from 'vitest';
import { ticketProgress } from './meetings';

describe('交办 progress of a decision', () => {
  it('counts closed and cancelled tickets as finished, resolved ones as awaiting confirmation', () => {
    expect(ticketProgress([{ state: 'resolved' }, { state: 'assigned' }])).toEqual({
      total: 2,
      finished: 0,
      resolved: 1,
      text: '0/2 已办结',
    });
    expect(ticketProgress([{ state: 'closed' }, { state: 'in_progress' }]).text).toBe('1/2 已办结');
    expect(ticketProgress([{ state: 'closed' }, { state: 'cancelled' }]).finished).toBe(2);
  });

  it('says 未交办 when the decision has no tickets', () => {
    expect(ticketProgress([])).toEqual({ total: 0, finished: 0, resolved: 0, text: '未交办' });
  });
});
