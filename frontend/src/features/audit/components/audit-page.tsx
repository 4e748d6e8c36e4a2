import { Button, Card, Flex, Input, Select, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { FilterBar } from '@/components/filter-bar';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDateTimeSeconds } from '@/lib/format';
import { useIsPhone } from '@/lib/use-phone';
import { useAuditEvents, type AuditEvent, type AuditFilters } from '../api/audit-events';
import { actionLabel, OBJECT_TYPE_OPTIONS, objectTypeLabel } from './audit-labels';
import { JsonDiff } from './json-diff';

/** Before/after as far as the reader may see the object; the server withholds or redacts. */
function Snapshot({ event }: { event: AuditEvent }) {
  if (event.snapshot_withheld) {
    return <Typography.Text type="secondary">无权查看该对象，修改前后内容不予显示。</Typography.Text>;
  }
  return (
    <>
      {event.snapshot_redacted ? (
        <Typography.Paragraph type="secondary">部分字段（如保密项目的投资方）无权查看，已隐藏。</Typography.Paragraph>
      ) : null}
      <JsonDiff before={event.before} after={event.after} />
    </>
  );
}

function OutcomeTag({ outcome }: { outcome: string }) {
  if (outcome === 'success') return <Tag color="green">成功</Tag>;
  if (outcome === 'denied') return <Tag color="orange">拒绝</Tag>;
  if (outcome === 'failure' || outcome === 'failed' || outcome === 'error') return <Tag color="red">失败</Tag>;
  return <Tag>{outcome}</Tag>;
}

export default function AuditPage() {
  const phone = useIsPhone();
  const enums = useEnums();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [actorName, setActorName] = useState<string | null>(null);
  const list = useAuditEvents(filters);

  const columns: ColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'occurred_at', width: 170, render: (v: string) => formatDateTimeSeconds(v) },
    {
      title: '操作人',
      key: 'actor',
      render: (_, e) => {
        if (!e.actor_id) return e.client_id ? <Tag color="purple">接口客户端</Tag> : '—';
        return (
          <Flex vertical>
            <Tooltip title="只看此人的操作">
              <Typography.Link
                onClick={() => {
                  setActorName(e.actor_name ?? e.actor_id);
                  setFilters((f) => ({ ...f, actor_id: e.actor_id ?? undefined }));
                }}
              >
                {e.actor_name ?? e.actor_id}
              </Typography.Link>
            </Tooltip>
            {e.actor_role ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labelOf(enums.data?.roles, e.actor_role)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: '操作',
      dataIndex: 'action',
      render: (action: string) => {
        const label = actionLabel(action);
        return (
          <Flex vertical>
            {label ? <span>{label}</span> : null}
            <Typography.Text type="secondary" className="mono">
              {action}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: '对象',
      key: 'object',
      render: (_, e) => (
        <Flex vertical>
          <span>{objectTypeLabel(e.object_type)}</span>
          {e.object_id ? (
            <Typography.Text type="secondary" className="mono" ellipsis style={{ maxWidth: 160 }}>
              {e.object_id}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: '结果', dataIndex: 'outcome', width: 80, render: (o: string) => <OutcomeTag outcome={o} /> },
    { title: 'IP', dataIndex: 'ip', render: (ip: string | null) => <span className="mono">{ip ?? '—'}</span> },
    {
      title: '请求 ID',
      dataIndex: 'request_id',
      render: (id: string | null) =>
        id ? (
          <Typography.Text className="mono" type="secondary" copyable={!phone} ellipsis style={{ maxWidth: 120 }}>
            {id}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader title="审计日志" subtitle="系统中每一次写操作和登录的记录，只可查阅，不可修改" />
      <Card>
        <FilterBar testId="audit-filters">
          <Input.Search
            placeholder="操作代码，如 user.create"
            allowClear
            style={{ width: 240 }}
            onSearch={(v) => setFilters((f) => ({ ...f, action: v.trim() || undefined }))}
          />
          <Select
            placeholder="全部对象类型"
            allowClear
            style={{ width: 180 }}
            options={OBJECT_TYPE_OPTIONS}
            onChange={(object_type?: string) => setFilters((f) => ({ ...f, object_type }))}
          />
          {filters.actor_id ? (
            <Tag
              closable
              color="blue"
              onClose={() => {
                setActorName(null);
                setFilters((f) => ({ ...f, actor_id: undefined }));
              }}
            >
              操作人：{actorName}
            </Tag>
          ) : null}
          <Button onClick={() => list.refetch()} loading={list.isRefetching}>
            刷新
          </Button>
        </FilterBar>
        <ListTable<AuditEvent>
          list={list}
          columns={columns}
          expandable={{
            // On a phone the whole row opens the snapshot: a 22 px +/- is too small to tap.
            expandRowByClick: phone,
            showExpandColumn: !phone,
            expandedRowRender: (e) => <Snapshot event={e} />,
            rowExpandable: (e) => e.before != null || e.after != null || e.snapshot_withheld,
          }}
        />
      </Card>
    </>
  );
}
