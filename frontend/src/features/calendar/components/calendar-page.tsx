import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { ListCards } from '@/components/list-cards';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useIsPhone } from '@/lib/use-phone';
import { useDeleteOverride, useOverrides, type Override } from '../api/calendar';
import { OverrideModal } from './override-modal';

/** 节假日调整: overrides on top of the published holiday schedule, per year. */
export default function CalendarPage() {
  const phone = useIsPhone();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<Override | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const list = useOverrides(year);
  const remove = useDeleteOverride();
  const { message } = App.useApp();
  const showError = useApiError();
  const existing = useMemo(() => new Set((list.data ?? []).map((o) => o.day)), [list.data]);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - 1 + i);

  const onDelete = async (o: Override) => {
    try {
      await remove.mutateAsync(o.day);
      message.success(`已删除 ${o.day} 的调整`);
    } catch (err) {
      showError(err);
    }
  };

  const actions = (o: Override) => (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        onClick={() => {
          setEditing(o);
          setFormOpen(true);
        }}
      >
        编辑
      </Button>
      <Popconfirm
        title="删除调整"
        description={`删除后 ${o.day} 按国家公布的安排（或周末规则）计算，确定删除？`}
        okText="删除"
        cancelText="取消"
        onConfirm={() => onDelete(o)}
      >
        <Button type="link" size="small" danger>
          删除
        </Button>
      </Popconfirm>
    </Space>
  );
  const kindTag = (working: boolean) => (working ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>);

  const columns: ColumnsType<Override> = [
    {
      title: '日期',
      dataIndex: 'day',
      width: 180,
      render: (day: string) => (
        <Space>
          <Typography.Text strong>{day}</Typography.Text>
          <Typography.Text type="secondary">{dayjs(day).format('dddd')}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '类型',
      dataIndex: 'is_working_day',
      width: 120,
      render: kindTag,
    },
    { title: '名称', dataIndex: 'name' },
    { title: '最后修改', dataIndex: 'updated_at', width: 170, className: 'nowrap', render: (v: string) => formatDateTime(v) },
    { title: '操作', key: 'actions', width: 140, render: (_, o) => actions(o) },
  ];

  return (
    <>
      <PageHeader
        title="节假日调整"
        subtitle="服务事项的办理时限按工作日计算：国家公布的节假日已内置，此处补录尚未公布的年度或临时调整，调整优先生效"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            新增调整
          </Button>
        }
      />
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }} wrap>
          <Typography.Text>年度</Typography.Text>
          <Select<number>
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
            aria-label="年度"
          />
          <Typography.Text type="secondary">已调整 {list.data?.length ?? 0} 天</Typography.Text>
        </Flex>
        <Alert
          type="info"
          showIcon
          title="已交办事项的办理时限不会因调整而改变；调整只影响之后交办的事项和督办检查。"
          style={{ marginBottom: 16 }}
        />
        {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        {phone ? (
          <ListCards<Override>
            items={list.data ?? []}
            loading={list.isLoading}
            rowKey={(o) => o.day}
            testId="calendar-overrides"
            emptyText={`${year} 年没有调整记录`}
            card={(o) => ({
              code: <span className="nowrap">{`${o.day} ${dayjs(o.day).format('dddd')}`}</span>,
              title: o.name,
              status: kindTag(o.is_working_day),
              facts: [{ label: '最后修改', value: <span className="nowrap">{formatDateTime(o.updated_at)}</span> }],
              actions: actions(o),
            })}
          />
        ) : (
          <Table<Override>
            rowKey="day"
            data-testid="calendar-overrides"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.isLoading}
            pagination={false}
            size="middle"
            locale={{ emptyText: `${year} 年没有调整记录` }}
          />
        )}
      </Card>
      {/* Mounted per opening: each add or edit starts from its own values. */}
      {formOpen ? (
        <OverrideModal editing={editing} existing={existing} defaultYear={year} onClose={() => setFormOpen(false)} />
      ) : null}
    </>
  );
}
