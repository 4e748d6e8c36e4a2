import { Tag } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { STAGE_COLORS } from '@/lib/stages';

export function StageTag({ stage }: { stage: string }) {
  const enums = useEnums();
  return <Tag color={STAGE_COLORS[stage] ?? 'default'}>{labelOf(enums.data?.stages, stage)}</Tag>;
}
