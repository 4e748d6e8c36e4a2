/**
 * Shared vocabulary of service tickets (交办督办) that is not an enum label from
 * /meta/enums: tag colours, 督办 levels, and the deadline marks a ticket carries.
 */

export const TICKET_STATE_COLORS: Record<string, string> = {
  submitted: 'gold',
  assigned: 'blue',
  accepted: 'cyan',
  in_progress: 'geekblue',
  resolved: 'purple',
  closed: 'green',
  cancelled: 'default',
};

export const URGENCY_COLORS: Record<string, string> = {
  normal: 'default',
  urgent: 'orange',
  critical: 'red',
};

/** 督办级别: 0 未督办, 1 督办函, 2 通报 to the leading group. */
export const ESCALATION_LEVELS = [
  { value: 0, label: '未督办', short: '未督办', color: 'default' },
  { value: 1, label: '一级督办（督办函）', short: '一级督办', color: 'volcano' },
  { value: 2, label: '二级督办（通报）', short: '二级通报', color: 'red' },
] as const;

export function escalationLevel(level: number) {
  return ESCALATION_LEVELS.find((l) => l.value === level) ?? ESCALATION_LEVELS[0];
}

export type DueStatus = 'overdue' | 'due_soon' | 'none';

/** The mark next to a due date; the server computes overdue and due-soon, never the client. */
export function dueStatus(ticket: { is_overdue: boolean; is_due_soon: boolean }): DueStatus {
  if (ticket.is_overdue) return 'overdue';
  if (ticket.is_due_soon) return 'due_soon';
  return 'none';
}

export const DUE_STATUS_LABELS: Record<Exclude<DueStatus, 'none'>, { label: string; color: string }> = {
  overdue: { label: '已超期', color: 'red' },
  due_soon: { label: '即将到期', color: 'orange' },
};
