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

/** The documents of 交办督办, by the `kind` the API gives (known here so no code ever shows). */
export const LETTER_KIND_LABELS: Record<string, string> = {
  assignment: '交办函',
  supervision: '督办函',
  circular: '通报',
};

export function letterKindLabel(kind: string): string {
  return LETTER_KIND_LABELS[kind] ?? '文书';
}

/** The letter a 督办 to this level issues: 1 督办函, 2 通报. */
export function escalationLetter(level: number): string {
  return level >= 2 ? '通报' : '督办函';
}

/** How a letter is named wherever it can be downloaded: 督办函 湘招督〔2026〕3号（2026-11-30）. */
export function letterLabel(letter: { kind: string; number: string; issued_on: string }): string {
  return `${letterKindLabel(letter.kind)} ${letter.number}（${letter.issued_on}）`;
}

/** The API lists a ticket's letters in order of issue; pages show the newest first. */
export function newestFirst<T>(letters: readonly T[]): T[] {
  return [...letters].reverse();
}

/** What each role's 待办 holds (the server's `mine=true`), said on the page. */
const TODO_SCOPES: Record<string, string> = {
  department_officer: '本部门牵头或协办、需要签收、办理和反馈的服务事项',
  unit_officer: '本单位项目中部门已反馈、需要确认办结或退回的服务事项',
  coordinator: '待交办的、本局提出待确认办结的，以及全市已超期需要催办的服务事项',
  supervisor: '全市已超期需要催办、督办的，以及已督办尚未办结的服务事项',
  leader: '所联系项目中正在办理的服务事项',
};

export function todoScope(role: string): string {
  return `${TODO_SCOPES[role] ?? '需要我处理的服务事项'}，按办理时限排列，超期的在前`;
}
