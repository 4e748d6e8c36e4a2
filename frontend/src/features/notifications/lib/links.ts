import type { Schemas } from '@/lib/api/types';

export type NotificationKind = Schemas['NotificationKind'];
type Target =
  | 'tickets'
  | 'decisions'
  | 'meetings'
  | 'projects'
  | 'reports'
  | 'report-periods'
  | 'bulletins'
  | 'assessment/rounds'
  | 'webhook-endpoints';

/** What each kind of notification is about: the page its link opens. A new kind fails to
 * compile until it is placed here (and the backend test pins the same table). */
export const KIND_TARGETS: Record<NotificationKind, Target> = {
  submitted: 'tickets',
  assigned: 'tickets',
  nudged: 'tickets',
  escalated: 'tickets',
  resolved: 'tickets',
  returned: 'tickets',
  closed: 'tickets',
  due_soon: 'tickets',
  instructed: 'tickets',
  decision_assigned: 'decisions',
  decision_due_soon: 'decisions',
  decision_overdue: 'decisions',
  meeting_notice: 'meetings',
  evaluation_requested: 'projects',
  report_due_soon: 'reports',
  report_overdue: 'reports',
  report_submitted: 'reports',
  report_returned: 'reports',
  bulletin_published: 'bulletins',
  report_summary_published: 'report-periods',
  assessment_opened: 'assessment/rounds',
  assessment_publicized: 'assessment/rounds',
  objection_raised: 'assessment/rounds',
  objection_answered: 'assessment/rounds',
  assessment_final: 'assessment/rounds',
  webhook_disabled: 'webhook-endpoints',
};

export const TARGET_LABELS: Record<Target, string> = {
  tickets: '查看服务事项',
  decisions: '查看议定事项',
  meetings: '查看会议',
  projects: '查看项目',
  reports: '查看报表',
  bulletins: '查看通报',
  'report-periods': '查看全市汇总',
  'assessment/rounds': '查看年度考核',
  'webhook-endpoints': '查看推送地址',
};

export const KIND_COLORS: Record<NotificationKind, string> = {
  assigned: 'blue',
  nudged: 'orange',
  escalated: 'red',
  resolved: 'purple',
  returned: 'magenta',
  closed: 'green',
  due_soon: 'gold',
  instructed: 'geekblue',
  submitted: 'cyan',
  decision_assigned: 'volcano',
  decision_due_soon: 'gold',
  decision_overdue: 'red',
  meeting_notice: 'lime',
  evaluation_requested: 'cyan',
  report_due_soon: 'gold',
  report_overdue: 'red',
  report_submitted: 'cyan',
  report_returned: 'magenta',
  bulletin_published: 'purple',
  report_summary_published: 'green',
  assessment_opened: 'blue',
  assessment_publicized: 'orange',
  objection_raised: 'magenta',
  objection_answered: 'purple',
  assessment_final: 'green',
  webhook_disabled: 'red',
};

/**
 * Where a notification leads inside the SPA: its `link` when that is a path on this
 * site, else the ticket it concerns. A link to another origin is never followed.
 */
export function notificationTarget(
  n: { link: string; ticket_id?: string | null },
  origin: string = window.location.origin,
): string | null {
  try {
    const url = new URL(n.link, origin);
    if (url.origin === origin) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    /* fall through */
  }
  return n.ticket_id ? `/tickets/${n.ticket_id}` : null;
}
