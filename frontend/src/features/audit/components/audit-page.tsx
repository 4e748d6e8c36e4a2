import { Card, Flex, Form, Select, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ExportButton } from '@/components/export-button';
import type { ListCardProps } from '@/components/list-cards';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { labelOf, toSelectOptions, useEnums } from '@/lib/api/meta';
import { formatDateTimeSeconds } from '@/lib/format';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { useAuditEvents, type AuditEvent, type AuditFilters } from '../api/audit-events';
import { AuditChanges } from './audit-changes';

/** What changed, as far as the reader may see the object; the server withholds or redacts. */
function Snapshot({ event, limit }: { event: AuditEvent; limit?: number }) {
  if (event.snapshot_withheld) {
    return <Typography.Text type="secondary">无权查看该对象，修改内容不予显示。</Typography.Text>;
  }
  return (
    <>
      {event.snapshot_redacted ? (
        <Typography.Paragraph type="secondary">部分字段（如保密项目的投资方）无权查看，已隐藏。</Typography.Paragraph>
      ) : null}
      <AuditChanges changes={event.changes ?? []} limit={limit} />
    </>
  );
}

function OutcomeTag({ outcome }: { outcome: string }) {
  if (outcome === 'success') return <Tag color="green">成功</Tag>;
  if (outcome === 'denied') return <Tag color="orange">拒绝</Tag>;
  if (outcome === 'failure' || outcome === 'failed' || outcome === 'error') return <Tag color="red">失败</Tag>;
  return <Tag>{outcome}</Tag>;
}

const SPEC: FilterSpec<AuditFilters> = { action: 'string', object_type: 'string', actor_id: 'string' };

function actorOf(e: AuditEvent): string {
  return e.actor_display_name ?? e.actor_name ?? (e.client_id ? '接口客户端' : '系统');
}

function objectOf(e: AuditEvent): string {
  const type = e.object_type_label ?? e.object_type;
  return e.object_label ? `${type}：${e.object_label}` : type;
}

function hasDetail(e: AuditEvent): boolean {
  return (e.changes?.length ?? 0) > 0 || Boolean(e.snapshot_withheld);
}

/** An event on a phone: who did what to which object, and what changed. */
function card(e: AuditEvent): ListCardProps {
  return {
    code: <span className="nowrap">{formatDateTimeSeconds(e.occurred_at)}</span>,
    title: `${actorOf(e)} ${e.action_label}`,
    status: <OutcomeTag outcome={e.outcome} />,
    facts: [
      { label: '单位', value: e.unit_name ?? '—' },
      { label: '对象', value: objectOf(e) },
    ],
    // A creation lists every field: a phone shows the first few.
    marks: hasDetail(e) ? <Snapshot event={e} limit={4} /> : undefined,
  };
}

export default function AuditPage() {
  const enums = useEnums();
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const [actorName, setActorName] = useState<string | null>(null);
  const list = useAuditEvents(filters);

  const columns: ColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'occurred_at', width: 170, className: 'nowrap', render: (v: string) => formatDateTimeSeconds(v) },
    {
      title: '操作人',
      key: 'actor',
      render: (_, e) => {
        const role = e.actor_role ? labelOf(enums.data?.roles, e.actor_role) : null;
        return (
          <Flex vertical>
            {e.actor_id && !e.client_id ? (
              <Tooltip title="只看此人的操作">
                <Typography.Link
                  onClick={() => {
                    setActorName(actorOf(e));
                    patch({ actor_id: e.actor_id ?? undefined });
                  }}
                >
                  {actorOf(e)}
                </Typography.Link>
              </Tooltip>
            ) : (
              <span>
                {actorOf(e)} {e.client_id ? <Tag color="purple">接口客户端</Tag> : null}
              </span>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.unit_name, e.client_id ? null : role].filter(Boolean).join(' · ') || '—'}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: '操作',
      key: 'action',
      width: 150,
      render: (_, e) => (
        <Tooltip title={e.action}>
          <span>{e.action_label}</span>
        </Tooltip>
      ),
    },
    {
      title: '对象',
      key: 'object',
      render: (_, e) => (
        <Flex vertical>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.object_type_label}
          </Typography.Text>
          <span>{e.object_label ?? '—'}</span>
        </Flex>
      ),
    },
    { title: '结果', dataIndex: 'outcome', width: 80, render: (o: string) => <OutcomeTag outcome={o} /> },
    { title: 'IP', dataIndex: 'ip', render: (ip: string | null) => <span className="mono">{ip ?? '—'}</span> },
    {
      title: '请求 ID',
      dataIndex: 'request_id',
      width: 150,
      render: (id: string | null) =>
        id ? (
          <Typography.Text className="mono" type="secondary" copyable ellipsis style={{ maxWidth: 120 }}>
            {id}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="审计日志"
        subtitle="系统中每一次写操作和登录的记录，只可查阅，不可修改"
        extra={<ExportButton path="/api/v1/audit-events/export" filters={filters} fallback="审计日志.xlsx" />}
      />
      <Card>
        <SearchForm testId="audit-filters" filters={filters} onSearch={setFilters}>
          <Form.Item name="action" label="操作">
            <Select
              placeholder="全部操作"
              allowClear
              showSearch={{ optionFilterProp: ['label', 'value'] }}
              options={toSelectOptions(enums.data?.audit_actions)}
            />
          </Form.Item>
          <Form.Item name="object_type" label="对象类型">
            <Select placeholder="全部对象类型" allowClear options={toSelectOptions(enums.data?.audit_object_types)} />
          </Form.Item>
        </SearchForm>
        {filters.actor_id ? (
          <Tag
            closable
            color="blue"
            style={{ marginBottom: 12 }}
            onClose={() => {
              setActorName(null);
              patch({ actor_id: undefined });
            }}
          >
            操作人：{actorName ?? list.items.find((e) => e.actor_id === filters.actor_id)?.actor_display_name ?? '已选定'}
          </Tag>
        ) : null}
        <ListTable<AuditEvent>
          list={list}
          columns={columns}
          settingsKey="audit"
          card={card}
          data-testid="audit-list"
          expandable={{
            expandedRowRender: (e) => <Snapshot event={e} />,
            rowExpandable: hasDetail,
          }}
        />
      </Card>
    </>
  );
}
