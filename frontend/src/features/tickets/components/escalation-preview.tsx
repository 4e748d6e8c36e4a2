import { Alert, Descriptions, Skeleton } from 'antd';
import type { Schemas } from '@/lib/api/types';
import { formatDate } from '@/lib/format';
import { escalationLevel, letterKindLabel } from '@/lib/tickets';
import { ActionError } from './action-error';

export type EscalationPreviewData = Schemas['EscalationPreview'];

/** What the 督办 about to be confirmed will issue: level, letter, its number and deadline. */
export function EscalationPreview({
  preview,
  loading,
  error,
}: {
  preview: EscalationPreviewData | undefined;
  loading: boolean;
  error: unknown;
}) {
  if (error) return <ActionError error={error} />;
  if (loading || !preview) return <Skeleton active paragraph={{ rows: 2 }} />;
  const letter = letterKindLabel(preview.letter_kind);
  const level = escalationLevel(preview.level).label;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="escalation-preview"
      title={
        preview.current_level > 0
          ? `该事项已发过督办函，本次将升级为${level}，向领导小组各成员单位发出${letter}`
          : `本次将发出${level}：向牵头部门发出${letter}`
      }
      description={
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'kind', label: '文书', children: <span data-testid="escalation-preview-kind">{letter}</span> },
            {
              key: 'number',
              label: '文号（预览）',
              children: <span data-testid="escalation-preview-number">{preview.letter_number}</span>,
            },
            { key: 'department', label: '被督办部门', children: preview.department.name },
            {
              key: 'deadline',
              label: '办理时限',
              children: <span data-testid="escalation-preview-deadline">{formatDate(preview.deadline)}</span>,
            },
          ]}
        />
      }
    />
  );
}
