import { Table, Typography } from 'antd';
import { decisionListColumns } from '@/components/decision-list';
import { ListFooter } from '@/components/list-footer';
import { QueryError } from '@/components/query-error';
import { useDecisions, type Decision } from '@/lib/api/meetings';

const columns = decisionListColumns();

/** 议定事项 about this project, from every meeting the caller may see, latest first. */
export function DecisionsTab({ projectId }: { projectId: string }) {
  const list = useDecisions({ project_id: projectId });
  return (
    <>
      <Typography.Paragraph type="secondary">
        联席调度会等会议上议定的、与本项目有关的事项：责任单位、完成时限和转交办后的办理进展。
      </Typography.Paragraph>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<Decision>
        rowKey="id"
        data-testid="project-decisions"
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        size="middle"
        scroll={{ x: 1000 }}
        rowClassName={(d) => (d.is_overdue ? 'ticket-row-overdue' : '')}
        locale={{ emptyText: '暂无与本项目有关的议定事项' }}
      />
      <ListFooter
        shown={list.items.length}
        total={list.total}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
    </>
  );
}
