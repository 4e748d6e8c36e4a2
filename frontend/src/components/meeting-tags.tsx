import { Tag } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { DECISION_STATE_COLORS, MEETING_KIND_COLORS, MEETING_STATE_COLORS } from '@/lib/meetings';

export function MeetingKindTag({ kind }: { kind: string }) {
  const enums = useEnums();
  return (
    <Tag color={MEETING_KIND_COLORS[kind] ?? 'default'} data-testid="meeting-kind">
      {labelOf(enums.data?.meeting_kinds, kind)}
    </Tag>
  );
}

export function MeetingStateTag({ state }: { state: string }) {
  const enums = useEnums();
  return (
    <Tag color={MEETING_STATE_COLORS[state] ?? 'default'} data-testid="meeting-state">
      {labelOf(enums.data?.meeting_states, state)}
    </Tag>
  );
}

export function DecisionStateTag({ state }: { state: string }) {
  const enums = useEnums();
  return (
    <Tag color={DECISION_STATE_COLORS[state] ?? 'default'} data-testid="decision-state">
      {labelOf(enums.data?.decision_states, state)}
    </Tag>
  );
}

/** 已超期, as the server computed it; nothing otherwise. */
export function OverdueTag({ overdue }: { overdue: boolean }) {
  if (!overdue) return null;
  return (
    <Tag color="red" data-testid="overdue-mark">
      已超期
    </Tag>
  );
}
