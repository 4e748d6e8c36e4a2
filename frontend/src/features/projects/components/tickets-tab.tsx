import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListTable } from '@/components/list-table';
import { DueDate, EscalationTag, TicketStateTag, UrgencyTag } from '@/components/ticket-tags';
import { useTickets, type Ticket } from '@/lib/api/tickets';
import { formatDateTime } from '@/lib/format';
import { RaiseTicketModal } from './raise-ticket-modal';

/** 服务事项 of this project, and the raise form for those who may raise. */
export function TicketsTab({ projectId, projectName, canRaise }: { projectId: string; projectName: string; canRaise: boolean }) {
  const list = useTickets({ project_id: projectId });
  const [raising, setRaising] = useState(false);

  const columns: ColumnsType<Ticket> = [
    {
      title: '编码',
      dataIndex: 'code',
      width: 130,
      render: (code: string, t) => (
        <Link to={`/tickets/${t.id}`} className="mono">
          {code}
        </Link>
      ),
    },
    {
      title: '事项',
      dataIndex: 'title',
      render: (title: string, t) => (
        <Flex vertical gap={2}>
          <Link to={`/tickets/${t.id}`}>{title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.requester_name} 提出于 {formatDateTime(t.created_at)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '牵头部门', dataIndex: 'lead_department', width: 150, render: (d: Ticket['lead_department']) => d?.name ?? '—' },
    { title: '状态', dataIndex: 'state', width: 90, render: (s: string) => <TicketStateTag state={s} /> },
    { title: '紧急程度', dataIndex: 'urgency', width: 90, render: (u: string) => <UrgencyTag urgency={u} /> },
    { title: '办理时限', key: 'due', width: 170, render: (_, t) => <DueDate ticket={t} /> },
    { title: '督办', dataIndex: 'escalation_level', width: 90, render: (l: number) => <EscalationTag level={l} /> },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Typography.Text type="secondary">项目推进中需要协调解决的问题，由市商务局交办职能部门限时办理。</Typography.Text>
        {canRaise ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
            提出服务事项
          </Button>
        ) : null}
      </Flex>
      <ListTable<Ticket>
        list={list}
        data-testid="project-tickets"
        columns={columns}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无服务事项' }}
      />
      {raising ? <RaiseTicketModal projectId={projectId} projectName={projectName} onClose={() => setRaising(false)} /> : null}
    </>
  );
}
