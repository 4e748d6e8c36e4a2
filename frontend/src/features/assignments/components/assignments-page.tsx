import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { AssignLeaderModal } from '@/components/assign-leader-modal';
import { EndAssignmentModal } from '@/components/end-assignment-modal';
import { PageHeader } from '@/components/page-header';
import { ProjectSelect } from '@/components/project-select';
import { QueryError } from '@/components/query-error';
import { StageTag } from '@/components/stage-tag';
import { useAssignments, type Assignment } from '@/lib/api/assignments';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDateTime } from '@/lib/format';

/** 领导联系: which city leader leads which project (市领导联系重大招商项目制度). */
export default function AssignmentsPage() {
  const me = useMe();
  const canAssign = hasPermission(me, 'assignments:write');
  const [view, setView] = useState<'active' | 'all'>('active');
  const list = useAssignments(view === 'active' ? { active: true } : {});
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<Assignment | undefined>();

  const columns: ColumnsType<Assignment> = [
    { title: '市领导', dataIndex: 'leader_name', width: 120, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: '牵头项目',
      dataIndex: 'project_name',
      render: (name: string, a) => (
        <Link to={`/projects/${a.project_id}`}>
          <span className="mono">{a.project_code}</span> {name}
        </Link>
      ),
    },
    { title: '项目阶段', dataIndex: 'project_stage', width: 110, render: (s: string) => <StageTag stage={s} /> },
    { title: '开始时间', dataIndex: 'started_at', width: 150, className: 'nowrap', render: (v: string) => formatDateTime(v) },
    ...(view === 'all'
      ? [
          {
            title: '结束',
            dataIndex: 'ended_at',
            width: 150,
            className: 'nowrap',
            render: (v: string | null) => (v ? formatDateTime(v) : <Tag color="green">牵头中</Tag>),
          },
          { title: '结束原因', dataIndex: 'end_reason', render: (v: string | null) => v || '—' },
        ]
      : [{ title: '说明', dataIndex: 'note', render: (v: string | null) => v || '—' }]),
    ...(canAssign
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, a: Assignment) =>
              a.is_active ? (
                <Button type="link" size="small" danger onClick={() => setEnding(a)}>
                  结束牵头
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="领导联系"
        subtitle="市领导联系重大招商项目：每位市领导牵头一个项目，每个项目一位牵头市领导"
        extra={
          canAssign ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)}>
              指定牵头领导
            </Button>
          ) : undefined
        }
      />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'active' | 'all')}
            options={[
              { value: 'active', label: '当前牵头' },
              { value: 'all', label: '含历史记录' },
            ]}
          />
        </Flex>
        {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        <Table<Assignment>
          rowKey="id"
          data-testid="assignments-table"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isLoading}
          pagination={false}
          size="middle"
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          共 {list.data?.length ?? 0} 条
        </Typography.Text>
      </Card>
      <AssignLeaderModal open={assigning} onClose={() => setAssigning(false)} projectPicker={<ProjectSelect />} />
      <EndAssignmentModal assignment={ending} onClose={() => setEnding(undefined)} />
    </>
  );
}
