import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Calendar, Flex, Spin, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '@/components/query-error';
import { useAllMeetings, type MeetingFilters } from '@/lib/api/meetings';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatTime } from '@/lib/format';
import { MEETING_KIND_COLORS } from '@/lib/meetings';
import { calendarRange, groupByDay } from '../lib/calendar';

const CHIP_COLORS: Record<string, string> = {
  blue: '#1677ff',
  cyan: '#13c2c2',
  red: '#f5222d',
  purple: '#722ed1',
  geekblue: '#2f54eb',
};

/** 会议日历: a month of meetings on their (Asia/Shanghai) days; a click opens the meeting. */
export function MeetingCalendar({ filters }: { filters: Omit<MeetingFilters, 'starts_from' | 'starts_before'> }) {
  const enums = useEnums();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const range = useMemo(() => calendarRange(month), [month]);
  const query = useAllMeetings({ ...filters, ...range, sort: 'starts_at' });
  const byDay = useMemo(() => groupByDay(query.data ?? []), [query.data]);

  return (
    <Spin spinning={query.isFetching}>
      {query.error ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
      <Calendar
        className="meeting-calendar"
        data-testid="meeting-calendar"
        value={month}
        onChange={(d) => setMonth(d.startOf('month'))}
        headerRender={() => (
          <Flex align="center" gap={8} style={{ padding: '0 0 12px' }}>
            <Button icon={<LeftOutlined />} aria-label="上个月" onClick={() => setMonth((m) => m.subtract(1, 'month'))} />
            <Typography.Title level={5} style={{ margin: 0, minWidth: 120, textAlign: 'center' }} data-testid="calendar-month">
              {month.format('YYYY 年 M 月')}
            </Typography.Title>
            <Button icon={<RightOutlined />} aria-label="下个月" onClick={() => setMonth((m) => m.add(1, 'month'))} />
            <Button onClick={() => setMonth(dayjs().startOf('month'))}>本月</Button>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              本页共 {query.data?.length ?? 0} 场会议
            </Typography.Text>
          </Flex>
        )}
        cellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          const meetings = byDay.get(date.format('YYYY-MM-DD')) ?? [];
          if (!meetings.length) return null;
          return (
            <Flex vertical gap={2} data-testid="calendar-day-meetings">
              {meetings.map((m) => (
                <Tooltip key={m.id} title={`${m.title}（${labelOf(enums.data?.meeting_kinds, m.kind)} · ${m.place}）`}>
                  <Link
                    to={`/meetings/${m.id}`}
                    onClick={(e) => e.stopPropagation()}
                    className="calendar-meeting"
                    style={{ borderInlineStartColor: CHIP_COLORS[MEETING_KIND_COLORS[m.kind]] ?? '#8c8c8c' }}
                    data-testid="calendar-meeting"
                  >
                    {formatTime(m.starts_at)} {m.title}
                  </Link>
                </Tooltip>
              ))}
            </Flex>
          );
        }}
      />
    </Spin>
  );
}
