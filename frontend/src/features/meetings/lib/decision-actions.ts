import type { DecisionState } from '../api/decisions';

/** How a decision's button collects its input. */
export type DecisionActionForm = 'transition' | 'to_tickets' | 'edit';

export type DecisionActionKey = 'to_tickets' | 'in_progress' | 'done' | 'edit' | 'cancelled';

export interface DecisionActionSpec {
  key: DecisionActionKey;
  label: string;
  form: DecisionActionForm;
  toState?: DecisionState;
  noteLabel?: string;
  noteRequired?: boolean;
  primary?: boolean;
  danger?: boolean;
  done?: string;
}

const SPECS: Record<DecisionActionKey, DecisionActionSpec> = {
  to_tickets: { key: 'to_tickets', label: '转交办', form: 'to_tickets', primary: true },
  in_progress: {
    key: 'in_progress',
    label: '开始落实',
    form: 'transition',
    toState: 'in_progress',
    noteLabel: '说明',
    done: '已开始落实',
  },
  done: {
    key: 'done',
    label: '标记完成',
    form: 'transition',
    toState: 'done',
    noteLabel: '完成情况',
    primary: true,
    done: '议定事项已完成',
  },
  edit: { key: 'edit', label: '编辑', form: 'edit' },
  cancelled: {
    key: 'cancelled',
    label: '取消事项',
    form: 'transition',
    toState: 'cancelled',
    noteLabel: '取消原因',
    noteRequired: true,
    danger: true,
    done: '议定事项已取消',
  },
};

const ORDER: DecisionActionKey[] = ['to_tickets', 'in_progress', 'done', 'edit', 'cancelled'];

/**
 * The buttons a decision shows: exactly what the server lists in `actions` for this user
 * (报送进展 is a form of its own, not a button).
 */
export function decisionButtons(actions: readonly string[]): DecisionActionSpec[] {
  const has = new Set(actions);
  return ORDER.filter((k) => has.has(k)).map((k) => SPECS[k]);
}

const OPEN_STATES = new Set(['open', 'in_progress']);
const FINISHED_TICKETS = new Set(['closed', 'cancelled']);

/**
 * Why a manager sees no 转交办 on an open decision (the server offers it only when the
 * decision concerns a project and a responsible or co-unit department has no open ticket
 * from it), or null when the button is there or the decision is finished.
 */
export function toTicketsHint(decision: {
  state: string;
  actions: readonly string[];
  projects: readonly unknown[];
  tickets: readonly { state: string }[];
}): string | null {
  if (decision.actions.includes('to_tickets') || !OPEN_STATES.has(decision.state)) return null;
  if (!decision.projects.length) {
    return decision.actions.includes('edit')
      ? '议定事项未关联项目，不能转交办：请先编辑议定事项，选择相关项目'
      : '议定事项未关联项目，不能转交办';
  }
  if (decision.tickets.some((t) => !FINISHED_TICKETS.has(t.state))) {
    return '各职能部门都已有未办结的交办单，办结后可再次转交办';
  }
  return '责任单位和配合单位中没有职能部门，无需转交办';
}
