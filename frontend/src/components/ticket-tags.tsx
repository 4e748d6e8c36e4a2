import { Space, Tag, Typography } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDate } from '@/lib/format';
import {
  DUE_STATUS_LABELS,
  TICKET_STATE_COLORS,
  URGENCY_COLORS,
  dueStatus,
  escalationLevel,
} from '@/lib/tickets';

export function TicketStateTag({ state }: { state: string }) {
  const enums = useEnums();
  return (
    <Tag color={TICKET_STATE_COLORS[state] ?? 'default'} data-testid="ticket-state">
      {labelOf(enums.data?.ticket_states, state)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: string }) {
  const enums = useEnums();
  return (
    <Tag color={URGENCY_COLORS[urgency] ?? 'default'} data-testid="ticket-urgency">
      {labelOf(enums.data?.urgencies, urgency)}
    </Tag>
  );
}

/** 督办级别; nothing for a ticket that was never escalated unless `showNone`. */
export function EscalationTag({ level, showNone = false }: { level: number; showNone?: boolean }) {
  if (level <= 0 && !showNone) return null;
  const l = escalationLevel(level);
  return (
    <Tag color={l.color} data-testid="ticket-escalation">
      {l.short}
    </Tag>
  );
}

/** 已超期 / 即将到期 mark, as the server computed it. */
export function DueMark({ ticket }: { ticket: { is_overdue: boolean; is_due_soon: boolean } }) {
  const status = dueStatus(ticket);
  if (status === 'none') return null;
  const { label, color } = DUE_STATUS_LABELS[status];
  return (
    <Tag color={color} data-testid="due-mark">
      {label}
    </Tag>
  );
}

/** Due date with its mark; a ticket not yet assigned has none (—). */
export function DueDate({ ticket }: { ticket: { due_date?: string | null; is_overdue: boolean; is_due_soon: boolean } }) {
  if (!ticket.due_date) return <Typography.Text type="secondary">—</Typography.Text>;
  const status = dueStatus(ticket);
  return (
    <Space size={4} wrap>
      <Typography.Text type={status === 'overdue' ? 'danger' : status === 'due_soon' ? 'warning' : undefined}>
        {formatDate(ticket.due_date)}
      </Typography.Text>
      <DueMark ticket={ticket} />
    </Space>
  );
}
