import { describe, expect, it } from 'vitest';
import { notificationTarget } from './links';

const origin = 'https://zst.xiangtan.gov.cn';

describe('notification links', () => {
  it('follows a path on this site', () => {
    expect(notificationTarget({ link: '/tickets/abc', ticket_id: 'abc' }, origin)).toBe('/tickets/abc');
    expect(notificationTarget({ link: `${origin}/tickets/abc?tab=x`, ticket_id: null }, origin)).toBe('/tickets/abc?tab=x');
    // 新议定事项 concerns no ticket: it leads to the decision.
    expect(notificationTarget({ link: '/decisions/d1', ticket_id: null }, origin)).toBe('/decisions/d1');
  });

  it('never leaves the site: another origin falls back to the ticket', () => {
    expect(notificationTarget({ link: 'https://evil.example/tickets/abc', ticket_id: 'abc' }, origin)).toBe('/tickets/abc');
    expect(notificationTarget({ link: '//evil.example/x', ticket_id: null }, origin)).toBeNull();
  });
});
