import { Empty, Timeline, Typography } from 'antd';
import { QueryBoundary } from '@/components/query-boundary';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTime } from '@/lib/format';
import { STAGE_COLORS } from '@/lib/stages';
import { useStageHistory } from '../api/projects';

const DOT: Record<string, string> = { shelved: 'orange', dropped: 'red', signed: 'green', started: 'green', operating: 'green' };

/** 阶段历史: every transition with who, when and why. */
export function HistoryTab({ projectId }: { projectId: string }) {
  const history = useStageHistory(projectId);
  const enums = useEnums();
  const label = (s: string | null | undefined) => labelOf(enums.data?.stages, s);
  return (
    <QueryBoundary query={history} empty={<Empty description="暂无阶段变更记录" />}>
      {(rows) => (
        <Timeline
          data-testid="stage-history"
          items={[...rows].reverse().map((h) => ({
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
      )}
    </QueryBoundary>
  );
}
