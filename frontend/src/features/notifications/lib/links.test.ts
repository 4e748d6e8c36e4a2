import { describe, expect, it } from 'vitest';
import enums from '@/lib/api/enums.json';
import { KIND_COLORS, KIND_TARGETS, notificationTarget, type NotificationKind } from './links';

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

  it('gives every kind the API knows a target page and a colour', () => {
    const kinds = enums.notification_kinds.map((k) => k.value as NotificationKind);
    expect(kinds.length).toBeGreaterThan(10);
    expect(Object.keys(KIND_TARGETS).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      expect([
        'tickets',
        'decisions',
        'meetings',
        'projects',
        'reports',
        'report-periods',
        'bulletins',
        'assessment/rounds',
        'webhook-endpoints',
      ]).toContain(KIND_TARGETS[kind]);
      expect(KIND_COLORS[kind]).toBeTruthy();
      // The link the server writes for this kind (/tickets/<id>, /projects/<id> …)
      // opens that page.
      const link = `/${KIND_TARGETS[kind]}/0b9c7a52-5d1e-4d7e-9a51-3f1a2c4e5b6d`;
      expect(notificationTarget({ link, ticket_id: null }, origin)).toBe(link);
    }
  });
});
