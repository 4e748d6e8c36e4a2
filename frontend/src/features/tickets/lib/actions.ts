import dayjs from 'dayjs';
import type { TicketState } from '@/lib/api/tickets';

/** How a button collects its input before calling the API. */
export type ActionForm =
  | 'assign' // 交办: departments, urgency, due-date preview
  | 'confirm' // a plain step with an optional note (签收, 开始办理)
  | 'note' // a step that needs a note (反馈, 退回, 撤销)
  | 'close' // 确认办结: satisfaction 1–5 and a comment
  | 'text'; // 催办, 督办, 领导批示: not a state change

export type ActionKey =
  | 'assign'
  | 'accept'
  | 'start'
  | 'resolve'
  | 'close'
  | 'return'
  | 'cancel'
  | 'nudge'
  | 'escalate'
  | 'instruct';

export interface ActionSpec {
  key: ActionKey;
  label: string;
  form: ActionForm;
  /** Target state for transitions; undefined for 催办 / 督办 / 批示. */
  toState?: TicketState;
  /** Label of the text field in the dialog. */
  noteLabel?: string;
  noteRequired?: boolean;
  notePlaceholder?: string;
  primary?: boolean;
  danger?: boolean;
  /** Message after success. */
  done: string;
}

const SPECS: Record<ActionKey, ActionSpec> = {
  assign: { key: 'assign', label: '交办', form: 'assign', toState: 'assigned', primary: true, done: '已交办' },
  accept: {
    key: 'accept',
    label: '签收',
    form: 'confirm',
    toState: 'accepted',
    noteLabel: '签收说明',
    primary: true,
    done: '已签收',
  },
  start: {
    key: 'start',
    label: '开始办理',
    form: 'confirm',
    toState: 'in_progress',
    noteLabel: '办理说明',
    primary: true,
    done: '已开始办理',
  },
  resolve: {
    key: 'resolve',
    label: '反馈办理结果',
    form: 'note',
    toState: 'resolved',
    noteLabel: '办理结果',
    noteRequired: true,
    notePlaceholder: '写明办理情况、结果和依据，提出方将据此确认办结',
    primary: true,
    done: '已反馈办理结果',
  },
  close: { key: 'close', label: '确认办结', form: 'close', toState: 'closed', primary: true, done: '已确认办结' },
  return: {
    key: 'return',
    label: '退回',
    form: 'note',
    toState: 'in_progress',
    noteLabel: '退回原因',
    noteRequired: true,
    notePlaceholder: '说明办理结果哪里不满足诉求，退回后由办理部门重新办理',
    done: '已退回重办',
  },
  cancel: {
    key: 'cancel',
    label: '撤销',
    form: 'note',
    toState: 'cancelled',
    noteLabel: '撤销原因',
    noteRequired: true,
    danger: true,
    done: '已撤销',
  },
  nudge: {
    key: 'nudge',
    label: '催办',
    form: 'text',
    noteLabel: '催办内容',
    noteRequired: true,
    notePlaceholder: '如：请于本周内反馈办理进展',
    done: '已催办',
  },
  escalate: {
    key: 'escalate',
    label: '督办',
    form: 'text',
    noteLabel: '督办原因',
    noteRequired: true,
    danger: true,
    done: '已督办',
  },
  instruct: {
    key: 'instruct',
    label: '领导批示',
    form: 'text',
    noteLabel: '批示内容',
    noteRequired: true,
    done: '已批示',
  },
};

const ORDER: ActionKey[] = ['assign', 'accept', 'start', 'resolve', 'close', 'return', 'nudge', 'escalate', 'instruct', 'cancel'];

/**
 * The buttons a ticket shows: exactly what the server lists in `actions` for this user.
 * From `resolved`, target `in_progress` is 退回; from `accepted` it is 开始办理.
 */
export function availableActions(state: string, actions: readonly string[]): ActionSpec[] {
  const has = new Set(actions);
  const keys = new Set<ActionKey>();
  if (has.has('assigned')) keys.add('assign');
  if (has.has('accepted')) keys.add('accept');
  if (has.has('in_progress')) keys.add(state === 'resolved' ? 'return' : 'start');
  if (has.has('resolved')) keys.add('resolve');
  if (has.has('closed')) keys.add('close');
  if (has.has('cancelled')) keys.add('cancel');
  if (has.has('nudge')) keys.add('nudge');
  if (has.has('escalate')) keys.add('escalate');
  if (has.has('instruct')) keys.add('instruct');
  return ORDER.filter((k) => keys.has(k)).map((k) => SPECS[k]);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export interface SkippedDay {
  date: string;
  /** 12月1日 周二 */
  text: string;
  /** 周末 for a Saturday or Sunday, else 节假日. */
  kind: '周末' | '节假日';
}

/** The days a due date skipped, readable: weekends apart from holidays on weekdays. */
export function describeSkipped(dates: readonly string[]): SkippedDay[] {
  return dates.map((date) => {
    const d = dayjs(date);
    const weekday = d.day();
    return {
      date,
      text: `${d.month() + 1}月${d.date()}日 ${WEEKDAYS[weekday]}`,
      kind: weekday === 0 || weekday === 6 ? '周末' : '节假日',
    };
  });
}
