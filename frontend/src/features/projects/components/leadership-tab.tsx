import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AssignLeaderModal } from '@/components/assign-leader-modal';
import { EndAssignmentModal } from '@/components/end-assignment-modal';
import { QueryError } from '@/components/query-error';
import { UnitSelect } from '@/components/unit-select';
import { useProjectAssignments, type Assignment } from '@/lib/api/assignments';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useSetKey, type Project } from '../api/projects';
import { useAddTeamMember, useOfficerCandidates, useRemoveTeamMember, useServiceTeam } from '../api/service-team';

function KeySwitch({ project }: { project: Project }) {
  const setKey = useSetKey(project.id);
  const { message } = App.useApp();
  const showError = useApiError();
  return (
    <Flex gap={8} align="center">
      <Switch
        aria-label="重点项目"
        checked={project.is_key}
        loading={setKey.isPending}
        onChange={async (on) => {
          try {
            await setKey.mutateAsync(on);
            message.success(on ? '已列为重点项目（保姆式服务）' : '已取消重点项目标记');
          } catch (err) {
            showError(err);
          }
        }}
      />
      <Typography.Text>重点项目（保姆式服务）</Typography.Text>
    </Flex>
  );
}

function ServiceTeamCard({ project, canManage }: { project: Project; canManage: boolean }) {
  const team = useServiceTeam(project.id);
  const add = useAddTeamMember(project.id);
  const remove = useRemoveTeamMember(project.id);
  const showError = useApiError();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [userId, setUserId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const me = useMe();
  const candidates = useOfficerCandidates(q, canManage && hasPermission(me, 'users:read'));

  const addMember = async (body: { unit_id?: string; user_id?: string }) => {
    try {
      await add.mutateAsync(body);
      message.success('已加入专班');
      setUnitId(undefined);
      setUserId(undefined);
    } catch (err) {
      showError(err);
    }
  };
  const removeMember = async (id: string) => {
    try {
      await remove.mutateAsync(id);
      message.success('已移出专班');
    } catch (err) {
      showError(err);
    }
  };

  if (team.error) return <QueryError error={team.error} onRetry={() => team.refetch()} />;
  const data = team.data;
  const memberList = (members: NonNullable<typeof data>['sections'], empty: string) =>
    members.length ? (
      <Flex vertical gap={4}>
        {members.map((m) => (
          <Flex key={m.id} justify="space-between" align="center">
            <span>{m.name}</span>
            {canManage ? (
              <Popconfirm title={`将“${m.name}”移出专班？`} okText="移出" cancelText="取消" onConfirm={() => removeMember(m.id)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  移出
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">{empty}</Typography.Text>
    );

  return (
    <Card size="small" title="保姆式服务专班" loading={team.isLoading} data-testid="service-team">
      {data && !data.is_key ? (
        <Typography.Paragraph type="secondary">列为重点项目后组建服务专班。</Typography.Paragraph>
      ) : null}
      {data ? (
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>责任科室/单位</Typography.Title>
            {memberList(data.sections, '暂无责任科室')}
            {canManage ? (
              <Space.Compact style={{ marginTop: 8, width: '100%' }}>
                <UnitSelect value={unitId} onChange={setUnitId} placeholder="选择科室/单位" style={{ flex: 1 }} />
                <Button icon={<PlusOutlined />} disabled={!unitId} loading={add.isPending} onClick={() => addMember({ unit_id: unitId })}>
                  加入
                </Button>
              </Space.Compact>
            ) : null}
          </Col>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>服务专员</Typography.Title>
            {memberList(data.officers, '暂无服务专员')}
            {canManage ? (
              <Space.Compact style={{ marginTop: 8, width: '100%' }}>
                <Select
                  value={userId}
                  onChange={setUserId}
                  placeholder="搜索姓名或账号"
                  showSearch={{ filterOption: false, onSearch: setQ }}
                  options={(candidates.data ?? []).map((u) => ({ value: u.id, label: `${u.full_name}（${u.unit_name}）` }))}
                  style={{ flex: 1 }}
                />
                <Button icon={<PlusOutlined />} disabled={!userId} loading={add.isPending} onClick={() => addMember({ user_id: userId })}>
                  加入
                </Button>
              </Space.Compact>
            ) : null}
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}

/** 牵头领导与专班: current lead leader, history, key mark and the service team. */
export function LeadershipTab({ project }: { project: Project }) {
  const me = useMe();
  const canAssign = hasPermission(me, 'assignments:write');
  const canManage = hasPermission(me, 'projects:manage');
  const history = useProjectAssignments(project.id);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<Assignment | undefined>();
  const active = history.data?.find((a) => a.is_active);

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title="牵头市领导"
        extra={canManage ? <KeySwitch project={project} /> : project.is_key ? <Tag color="volcano">重点项目</Tag> : null}
      >
        {history.error ? <QueryError error={history.error} onRetry={() => history.refetch()} /> : null}
        {active ? (
          <Flex justify="space-between" align="center" data-testid="lead-leader">
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="市领导">
                <Typography.Text strong>{active.leader_name}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="开始时间">{formatDateTime(active.started_at)}</Descriptions.Item>
              <Descriptions.Item label="说明">{active.note || '—'}</Descriptions.Item>
            </Descriptions>
            {canAssign ? (
              <Button danger onClick={() => setEnding(active)}>
                结束牵头
              </Button>
            ) : null}
          </Flex>
        ) : (
          <Flex justify="space-between" align="center" data-testid="lead-leader">
            <Typography.Text type="secondary">尚未指定牵头市领导</Typography.Text>
            {canAssign ? (
              <Button type="primary" onClick={() => setAssigning(true)}>
                指定牵头领导
              </Button>
            ) : null}
          </Flex>
        )}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          牵头记录
        </Typography.Title>
        <Table<Assignment>
          size="small"
          rowKey="id"
          pagination={false}
          loading={history.isLoading}
          dataSource={history.data ?? []}
          locale={{ emptyText: <Empty description="暂无牵头记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: '市领导', dataIndex: 'leader_name' },
            { title: '开始', dataIndex: 'started_at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
            { title: '结束', dataIndex: 'ended_at', className: 'nowrap', render: (v: string | null) => (v ? formatDateTime(v) : <Tag color="green">牵头中</Tag>) },
            { title: '结束原因', dataIndex: 'end_reason', render: (v: string | null) => v || '—' },
          ]}
        />
      </Card>
      <ServiceTeamCard project={project} canManage={canManage} />
      <AssignLeaderModal open={assigning} projectId={project.id} onClose={() => setAssigning(false)} />
      <EndAssignmentModal assignment={ending} onClose={() => setEnding(undefined)} />
    </Flex>
  );
}
