import { Tag } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { VERDICT_COLORS } from '@/lib/meetings';

export function VerdictTag({ verdict }: { verdict: string | null | undefined }) {
  const enums = useEnums();
  if (!verdict) return null;
  return (
    <Tag color={VERDICT_COLORS[verdict] ?? 'default'} data-testid="verdict">
      {labelOf(enums.data?.review_verdicts, verdict)}
    </Tag>
  );
}
