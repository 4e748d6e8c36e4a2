/**
 * Shared vocabulary of meetings, decisions (议定事项) and the joint review that is not an
 * enum label from /meta/enums: tag colours and the 交办 progress of a decision.
 */
export const MEETING_KIND_COLORS: Record<string, string> = {
  joint: 'blue',
  consultation: 'cyan',
  executive: 'red',
  review: 'purple',
  dispatch: 'geekblue',
};

export const MEETING_STATE_COLORS: Record<string, string> = {
  draft: 'gold',
  held: 'blue',
  published: 'green',
};

export const DECISION_STATE_COLORS: Record<string, string> = {
  open: 'gold',
  in_progress: 'blue',
  done: 'green',
  cancelled: 'default',
};

export const VERDICT_COLORS: Record<string, string> = {
  approved: 'green',
  conditional: 'orange',
  rejected: 'red',
  deferred: 'default',
};

export const ROUND_STATE_COLORS: Record<string, string> = {
  nominating: 'blue',
  reviewed: 'purple',
  decided: 'green',
};

/** Ticket states that end a ticket: 已办结 or 已撤销. */
const FINISHED = new Set(['closed', 'cancelled']);

export interface TicketProgress {
  total: number;
  /** Closed or cancelled. */
  finished: number;
  /** Resolved by the department, waiting for the requester to confirm. */
  resolved: number;
  /** 1/2 已办结 */
  text: string;
}

/** How far a decision's 交办 tickets are: finished out of all, and how many await confirmation. */
export function ticketProgress(tickets: readonly { state: string }[]): TicketProgress {
  const total = tickets.length;
  const finished = tickets.filter((t) => FINISHED.has(t.state)).length;
  const resolved = tickets.filter((t) => t.state === 'resolved').length;
  return { total, finished, resolved, text: total ? `${finished}/${total} 已办结` : '未交办' };
}
