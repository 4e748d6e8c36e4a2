import { Flex, Tag } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';

const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'magenta',
  accepted: 'green',
};

export function ReportStateTag({ state }: { state: string }) {
  const enums = useEnums();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="report-state">
      {labelOf(enums.data?.report_states, state)}
    </Tag>
  );
}

/** 逾期未报 / 迟报, as the server computed them. */
export function ReportFlags({ overdue, late }: { overdue: boolean; late: boolean }) {
  if (!overdue && !late) return null;
  return (
    <Flex gap={2} wrap>
      {overdue ? (
        <Tag color="red" data-testid="report-overdue">
          逾期未报
        </Tag>
      ) : null}
      {late ? (
        <Tag color="orange" data-testid="report-late">
          迟报
        </Tag>
      ) : null}
    </Flex>
  );
}
