import { Card } from 'antd';
import { useState } from 'react';
import { DecisionTable, decisionListColumns } from '@/components/decision-list';
import { MultiEnumFilter, SearchFilter } from '@/components/list-filters';
import { FilterBar, FilterSwitch } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { UnitSelect } from '@/components/unit-select';
import type { MeetingKind } from '@/lib/api/meetings';
import { toSortParam } from '@/lib/table-sort';
import { useDecisions, type DecisionFilters, type DecisionState } from '../api/decisions';

const SWITCHES = [
  { key: 'overdue', label: '已超期' },
  { key: 'mine', label: '只看本单位负责或配合' },
] as const;

const columns = decisionListColumns({ sortable: true });

/** 议定事项: every decision in the user's scope, followed up to done; overdue ones tinted. */
export default function DecisionsPage() {
  const [filters, setFilters] = useState<DecisionFilters>({});
  const list = useDecisions(filters);
  const set = (patch: Partial<DecisionFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader title="议定事项" subtitle="会议议定的事项：责任单位、完成时限、转交办和落实进展，跟踪到办结" />
      <Card>
        <FilterBar testId="decision-filters">
          <SearchFilter placeholder="议定内容或编码" onSearch={(q) => set({ q })} />
          <MultiEnumFilter<DecisionState>
            enumKey="decision_states"
            placeholder="全部状态"
            minWidth={180}
            aria-label="状态"
            onChange={(state) => set({ state })}
          />
          <MultiEnumFilter<MeetingKind>
            enumKey="meeting_kinds"
            placeholder="全部会议类型"
            minWidth={200}
            aria-label="会议类型"
            onChange={(kind) => set({ kind })}
          />
          <UnitSelect
            placeholder="全部责任单位"
            style={{ width: 190 }}
            onChange={(v?: string) => set({ unit_id: v || undefined })}
          />
          {SWITCHES.map((s) => (
            <FilterSwitch key={s.key} label={s.label} onChange={(on) => set({ [s.key]: on ? true : undefined })} />
          ))}
        </FilterBar>
        <DecisionTable
          list={list}
          testId="decisions-list"
          columns={columns}
          onChange={(_, __, sorter) => set({ sort: toSortParam(sorter) })}
        />
      </Card>
    </>
  );
}
