import { Card, Select } from 'antd';
import { useState } from 'react';
import { ListFooter } from '@/components/list-footer';
import { MultiEnumFilter, SearchFilter } from '@/components/list-filters';
import { FilterBar, FilterSwitch } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { useTickets, type TicketFilters, type TicketState, type Urgency } from '@/lib/api/tickets';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { toSortParam } from '@/lib/table-sort';
import { ESCALATION_LEVELS } from '@/lib/tickets';
import type { EscalationRun } from '../api/tickets';
import { EscalationRunButton, EscalationRunResult } from './escalation-run';
import { TicketTable } from './ticket-table';

const SWITCHES = [
  { key: 'overdue', label: '已超期' },
  { key: 'due_soon', label: '即将到期' },
  { key: 'mine', label: '只看待我处理' },
] as const;

/** 服务事项: every ticket in the user's scope, filterable, loaded page by page. */
export default function TicketsPage() {
  const me = useMe();
  const enums = useEnums();
  const [filters, setFilters] = useState<TicketFilters>({});
  const [run, setRun] = useState<EscalationRun | null>(null);
  const list = useTickets(filters);
  const set = (patch: Partial<TicketFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader
        title="服务事项"
        subtitle="项目推进中遇到的用地、规划、审批、要素保障等问题：交办、办理、反馈、督办全过程"
        extra={hasPermission(me, 'tickets:escalate') ? <EscalationRunButton onDone={setRun} /> : null}
      />
      {run ? <EscalationRunResult run={run} onClose={() => setRun(null)} /> : null}
      <Card>
        <FilterBar testId="ticket-filters">
          <SearchFilter placeholder="事项标题或编码" onSearch={(q) => set({ q })} />
          <MultiEnumFilter<TicketState>
            enumKey="ticket_states"
            placeholder="全部状态"
            minWidth={200}
            aria-label="状态"
            onChange={(state) => set({ state })}
          />
          <Select<Urgency>
            placeholder="全部紧急程度"
            allowClear
            style={{ width: 140 }}
            options={toSelectOptions(enums.data?.urgencies)}
            onChange={(urgency?: Urgency) => set({ urgency: urgency || undefined })}
            aria-label="紧急程度"
          />
          <Select<number>
            placeholder="全部督办级别"
            allowClear
            style={{ width: 160 }}
            options={ESCALATION_LEVELS.map((l) => ({ value: l.value, label: l.label }))}
            onChange={(level?: number) => set({ escalation_level: level ?? undefined })}
            aria-label="督办级别"
          />
          <UnitSelect
            placeholder="全部办理部门"
            kinds={['department']}
            style={{ width: 190 }}
            onChange={(v?: string) => set({ department_id: v || undefined })}
          />
          {SWITCHES.map((s) => (
            <FilterSwitch key={s.key} label={s.label} onChange={(on) => set({ [s.key]: on ? true : undefined })} />
          ))}
        </FilterBar>
        {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        <TicketTable
          testId="tickets-table"
          items={list.items}
          loading={list.isLoading}
          sortable
          onSort={(sorter) => set({ sort: toSortParam(sorter) })}
        />
        <ListFooter list={list} />
      </Card>
    </>
  );
}
