import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { EnumSelect } from '@/components/list-filters';
import { ExportButton } from '@/components/export-button';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { useLeaders } from '@/lib/api/assignments';
import { useMeetings, type MeetingFilters } from '@/lib/api/meetings';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { shanghaiToIso } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { MeetingCalendar } from './meeting-calendar';
import { MeetingFormModal } from './meeting-form-modal';
import { MeetingTable } from './meeting-table';

type View = 'list' | 'calendar';

const SPEC: FilterSpec<MeetingFilters> = {
  q: 'string',
  kind: 'strings',
  state: 'strings',
  chair_id: 'string',
  unit_id: 'string',
  starts_from: 'string',
  starts_before: 'string',
  sort: 'string',
};

/** The 召开日期 range field holds days; the filters hold the instants that bound them. */
const toForm = (f: MeetingFilters) => ({
  dates:
    f.starts_from || f.starts_before
      ? [f.starts_from ? dayjs(f.starts_from) : null, f.starts_before ? dayjs(f.starts_before).subtract(1, 'day') : null]
      : undefined,
});
const fromForm = (values: Record<string, unknown>): Partial<MeetingFilters> => {
  const range = values.dates as [Dayjs | null, Dayjs | null] | undefined;
  return {
    dates: undefined,
    starts_from: range?.[0] ? shanghaiToIso(range[0].startOf('day')) : undefined,
    starts_before: range?.[1] ? shanghaiToIso(range[1].add(1, 'day').startOf('day')) : undefined,
  } as Partial<MeetingFilters>;
};

/** 会议: every meeting in the user's scope, as a filtered list or on a month calendar. */
export default function MeetingsPage() {
  const me = useMe();
  const leaders = useLeaders(hasPermission(me, 'users:read'));
  const [view, setView] = useState<View>('list');
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const [creating, setCreating] = useState(false);
  const list = useMeetings(filters, view === 'list');
  const { starts_from: _from, starts_before: _before, sort: _sort, ...calendarFilters } = filters;

  return (
    <>
      <PageHeader
        title="会议"
        subtitle="季度联席调度会、部门会商、市政府常务会议、联审会、项目调度会：议程、纪要和议定事项"
        extra={
          <>
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'list', label: '列表', icon: <UnorderedListOutlined /> },
                { value: 'calendar', label: '日历', icon: <CalendarOutlined /> },
              ]}
              data-testid="meeting-view"
            />
            <ExportButton path="/api/v1/meetings/export" filters={filters} fallback="会议.xlsx" compact />
            {hasPermission(me, 'meetings:write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建会议
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <SearchForm testId="meeting-filters" filters={filters} onSearch={setFilters} toForm={toForm} fromForm={fromForm}>
          <Form.Item name="q" label="会议名称">
            <Input placeholder="会议名称" allowClear />
          </Form.Item>
          <Form.Item name="kind" label="会议类型">
            <EnumSelect enumKey="meeting_kinds" placeholder="全部类型" />
          </Form.Item>
          <Form.Item name="state" label="状态">
            <EnumSelect enumKey="meeting_states" placeholder="全部状态" />
          </Form.Item>
          {leaders.data ? (
            <Form.Item name="chair_id" label="主持领导">
              <Select placeholder="全部" allowClear options={leaders.data.map((u) => ({ value: u.id, label: u.full_name }))} />
            </Form.Item>
          ) : null}
          {view === 'list' ? (
            <Form.Item name="dates" label="召开日期">
              <DatePicker.RangePicker placeholder={['起', '止']} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
        </SearchForm>
        {view === 'list' ? (
          <MeetingTable list={list} sort={filters.sort} onSort={(s) => patch({ sort: toSortParam(s) })} />
        ) : (
          <MeetingCalendar filters={calendarFilters} />
        )}
      </Card>
      {creating ? <MeetingFormModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
