import { Empty, Spin, Timeline, Typography } from 'antd';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { STAGE_COLORS } from '@/lib/stages';
import { useStageHistory } from '../api/projects';

const DOT: Record<string, string> = { shelved: 'orange', dropped: 'red', signed: 'green', started: 'green', operating: 'green' };

/** 阶段历史: every transition with who, when and why. */
export function HistoryTab({ projectId }: { projectId: string }) {
  const history = useStageHistory(projectId);
  const enums = useEnums();
  if (history.isLoading) return <Spin />;
  if (history.error) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  const items = [...(history.data ?? [])].reverse();
  if (!items.length) return <Empty description="暂无阶段变更记录" />;
  const label = (s: string | null | undefined) => labelOf(enums.data?.stages, s);
  return (
    <Timeline
      data-testid="stage-history"
      items={items.map((h) => ({
        color: DOT[h.to_stage] ?? (STAGE_COLORS[h.to_stage] === 'default' ? 'gray' : 'blue'),
        content: (
          <>
            <Typography.Text strong>{h.from_stage ? `${label(h.from_stage)} → ${label(h.to_stage)}` : `新建（${label(h.to_stage)}）`}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(h.occurred_at)} · {h.actor_name}
              </Typography.Text>
            </div>
            {h.reason ? <div>原因：{h.reason}</div> : null}
          </>
        ),
      }))}
    />
  );
}
