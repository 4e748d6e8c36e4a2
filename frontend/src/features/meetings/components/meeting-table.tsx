import { Flex, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { ListCardProps } from '@/components/list-cards';
import { ListTable } from '@/components/list-table';
import { MeetingKindTag, MeetingStateTag } from '@/components/meeting-tags';
import type { Meeting } from '@/lib/api/meetings';
import { formatDateTime } from '@/lib/format';
import type { CursorList } from '@/lib/use-cursor-list';

interface MeetingTableProps {
  list: CursorList<Meeting>;
  sort?: string | null;
  onSort?: (sorter: SorterResult<Meeting> | SorterResult<Meeting>[]) => void;
}

/** A meeting on a phone: date and time, title, state, kind, chair and decisions. */
function meetingCard(m: Meeting): ListCardProps {
  return {
    to: `/meetings/${m.id}`,
    code: <span className="nowrap">{formatDateTime(m.starts_at)}</span>,
    title: m.title,
    status: <MeetingStateTag state={m.state} />,
    marks: <MeetingKindTag kind={m.kind} />,
    facts: [
      { label: '主持', value: m.chair.full_name },
      {
        label: '议定事项',
        value: m.decision_count ? `${m.decision_count} 项${m.open_decision_count ? `（未办结 ${m.open_decision_count}）` : '（均已办结）'}` : '—',
      },
    ],
  };
}

/** 会议 as rows (cards on a phone), with the list's total, 刷新 and 列设置. */
export function MeetingTable({ list, sort, onSort }: MeetingTableProps) {
  const columns: ColumnsType<Meeting> = [
    {
      title: '召开时间',
      key: 'starts_at',
      dataIndex: 'starts_at',
      width: 150,
      sorter: true,
      className: 'nowrap',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '会议',
      dataIndex: 'title',
      render: (title: string, m) => (
        <Flex vertical gap={2}>
          <Link to={`/meetings/${m.id}`}>
            <Typography.Text strong>{title}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.place}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 140, render: (k: string) => <MeetingKindTag kind={k} /> },
    { title: '主持', dataIndex: 'chair', width: 90, render: (c: Meeting['chair']) => c.full_name },
    {
      title: '参会单位',
      dataIndex: 'units',
      width: 220,
      render: (units: Meeting['units']) =>
        units.length ? (
          <Tooltip title={units.map((u) => u.name).join('、')}>
            <Typography.Text ellipsis style={{ maxWidth: 200 }}>
              {units.length} 家：{units.map((u) => u.name).join('、')}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '议定事项',
      dataIndex: 'decision_count',
      width: 130,
      render: (n: number, m) =>
        n ? (
          <span data-testid="meeting-decision-count">
            {n} 项
            {m.open_decision_count ? (
              <Typography.Text type="warning">（未办结 {m.open_decision_count}）</Typography.Text>
            ) : (
              <Typography.Text type="success">（均已办结）</Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '状态', dataIndex: 'state', width: 110, render: (s: string) => <MeetingStateTag state={s} /> },
  ];
  return (
    <ListTable<Meeting>
      list={list}
      data-testid="meetings-table"
      columns={columns}
      card={meetingCard}
      sort={sort}
      settingsKey="meetings"
      scroll={{ x: 1080 }}
      onChange={(_, __, sorter) => onSort?.(sorter)}
    />
  );
}
