import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ListFooter } from '@/components/list-footer';
import { MultiEnumFilter, SearchFilter } from '@/components/list-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useLeaders } from '@/lib/api/assignments';
import { useMeetings, type MeetingFilters, type MeetingKind, type MeetingState } from '@/lib/api/meetings';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { shanghaiToIso } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { MeetingCalendar } from './meeting-calendar';
import { MeetingFormModal } from './meeting-form-modal';
import { MeetingTable } from './meeting-table';

type View = 'list' | 'calendar';

/** 会议: every meeting in the user's scope, as a filtered list or on a month calendar. */
export default function MeetingsPage() {
  const me = useMe();
  const leaders = useLeaders(hasPermission(me, 'users:read'));
  const [view, setView] = useState<View>('list');
  const [filters, setFilters] = useState<MeetingFilters>({});
  const [creating, setCreating] = useState(false);
  const list = useMeetings(filters, view === 'list');
  const set = (patch: Partial<MeetingFilters>) => setFilters((f) => ({ ...f, ...patch }));
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
            {hasPermission(me, 'meetings:write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建会议
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <FilterBar testId="meeting-filters">
          <SearchFilter placeholder="会议名称" width={200} onSearch={(q) => set({ q })} />
          <MultiEnumFilter<MeetingKind>
            enumKey="meeting_kinds"
            placeholder="全部类型"
            minWidth={200}
            aria-label="会议类型"
            onChange={(kind) => set({ kind })}
          />
          <MultiEnumFilter<MeetingState>
            enumKey="meeting_states"
            placeholder="全部状态"
            minWidth={160}
            aria-label="状态"
            onChange={(state) => set({ state })}
          />
          {leaders.data ? (
            <Select
              placeholder="主持领导"
              allowClear
              style={{ width: 130 }}
              options={leaders.data.map((u) => ({ value: u.id, label: u.full_name }))}
              onChange={(v?: string) => set({ chair_id: v || undefined })}
              aria-label="主持领导"
            />
          ) : null}
          {view === 'list' ? (
            <DatePicker.RangePicker
              placeholder={['召开日期起', '召开日期止']}
              onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
                set({
                  starts_from: range?.[0] ? shanghaiToIso(range[0].startOf('day')) : undefined,
                  starts_before: range?.[1] ? shanghaiToIso(range[1].add(1, 'day').startOf('day')) : undefined,
                })
              }
            />
          ) : null}
        </FilterBar>
        {view === 'list' ? (
          <>
            {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
            <MeetingTable items={list.items} loading={list.isLoading} onSort={(s) => set({ sort: toSortParam(s) })} />
            <ListFooter list={list} />
          </>
        ) : (
          <MeetingCalendar filters={calendarFilters} />
        )}
      </Card>
      {creating ? <MeetingFormModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
