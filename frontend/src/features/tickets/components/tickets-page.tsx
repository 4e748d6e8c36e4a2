import { Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { EnumSelect } from '@/components/list-filters';
import { ExportButton } from '@/components/export-button';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { useTickets, type TicketFilters } from '@/lib/api/tickets';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { toSortParam } from '@/lib/table-sort';
import { ESCALATION_LEVELS } from '@/lib/tickets';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import type { EscalationRun } from '../api/tickets';
import { EscalationRunButton, EscalationRunResult } from './escalation-run';
import { TicketTable } from './ticket-table';

const FLAGS = [
  { key: 'overdue', label: '已超期' },
  { key: 'due_soon', label: '即将到期' },
  { key: 'mine', label: '只看待我处理' },
] as const;

const SPEC: FilterSpec<TicketFilters> = {
  q: 'string',
  state: 'strings',
  urgency: 'string',
  escalation_level: 'number',
  department_id: 'string',
  project_id: 'string',
  overdue: 'boolean',
  due_soon: 'boolean',
  mine: 'boolean',
  sort: 'string',
};

/** 服务事项: every ticket in the user's scope, filterable, loaded page by page. */
export default function TicketsPage() {
  const me = useMe();
  const enums = useEnums();
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const [run, setRun] = useState<EscalationRun | null>(null);
  const list = useTickets(filters);

  return (
    <>
      <PageHeader
        title="服务事项"
        subtitle="项目推进中遇到的用地、规划、审批、要素保障等问题：交办、办理、反馈、督办全过程"
        extra={
          <>
            <ExportButton path="/api/v1/tickets/export" filters={filters} fallback="服务事项.xlsx" />
            {hasPermission(me, 'tickets:escalate') ? <EscalationRunButton onDone={setRun} /> : null}
          </>
        }
      />
      {run ? <EscalationRunResult run={run} onClose={() => setRun(null)} /> : null}
      <Card>
        <SearchForm testId="ticket-filters" filters={filters} onSearch={setFilters} flags={FLAGS}>
          <Form.Item name="q" label="关键词">
            <Input placeholder="事项标题或编码" allowClear />
          </Form.Item>
          <Form.Item name="state" label="状态">
            <EnumSelect enumKey="ticket_states" placeholder="全部状态" />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select placeholder="全部" allowClear options={toSelectOptions(enums.data?.urgencies)} />
          </Form.Item>
          <Form.Item name="escalation_level" label="督办级别">
            <Select<number> placeholder="全部" allowClear options={ESCALATION_LEVELS.map((l) => ({ value: l.value, label: l.label }))} />
          </Form.Item>
          <Form.Item name="department_id" label="办理部门">
            <UnitSelect placeholder="全部办理部门" kinds={['department']} />
          </Form.Item>
        </SearchForm>
        <TicketTable
          testId="tickets-table"
          list={list}
          settingsKey="tickets"
          sort={filters.sort}
          onSort={(sorter) => patch({ sort: toSortParam(sorter) })}
        />
      </Card>
    </>
  );
}
