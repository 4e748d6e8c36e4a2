import { Button, Flex } from 'antd';
import { useState } from 'react';
import type { Ticket } from '@/lib/api/tickets';
import { availableActions, type ActionSpec } from '../lib/actions';
import { ActionModal } from './action-modal';
import { AssignModal } from './assign-modal';

/** The buttons `actions` allows this user now, each opening its dialog. */
export function TicketActions({ ticket }: { ticket: Ticket }) {
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const specs = availableActions(ticket.state, ticket.actions);
  if (!specs.length) return null;
  return (
    <>
      <Flex gap={8} wrap data-testid="ticket-actions">
        {specs.map((s) => (
          <Button key={s.key} type={s.primary ? 'primary' : 'default'} danger={s.danger} onClick={() => setOpen(s)}>
            {s.label}
          </Button>
        ))}
      </Flex>
      {open?.form === 'assign' ? <AssignModal ticket={ticket} onClose={() => setOpen(null)} /> : null}
      {open && open.form !== 'assign' ? <ActionModal ticket={ticket} spec={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
