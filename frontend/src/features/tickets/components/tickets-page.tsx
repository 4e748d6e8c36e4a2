import { Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { EnumSelect } from '@/components/list-filters';
import { ExportButton } from '@/components/export-button';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { useTickets, type TicketFilters } from '@/lib/api/tickets';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { TICKET_FILTERS } from '@/lib/list-filter-specs';
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

const SPEC: FilterSpec<TicketFilters> = TICKET_FILTERS;

type Range = [Dayjs | null, Dayjs | null] | undefined;

/** The 反馈日期 range field holds two days; the filters hold them as ISO dates. */
const toForm = (f: TicketFilters) => ({
  resolved: f.resolved_from || f.resolved_to ? [f.resolved_from ? dayjs(f.resolved_from) : null, f.resolved_to ? dayjs(f.resolved_to) : null] : undefined,
  on_time: f.resolved_on_time === true ? 'yes' : f.resolved_on_time === false ? 'no' : undefined,
});
const fromForm = (values: Record<string, unknown>): Partial<TicketFilters> => {
  const resolved = values.resolved as Range;
  const onTime = values.on_time as string | undefined;
  return {
    resolved: undefined,
    on_time: undefined,
    resolved_on_time: onTime === 'yes' ? true : onTime === 'no' ? false : undefined,
    resolved_from: resolved?.[0]?.format('YYYY-MM-DD'),
    resolved_to: resolved?.[1]?.format('YYYY-MM-DD'),
  } as Partial<TicketFilters>;
};

const ON_TIME = [
  { value: 'yes', label: '按时反馈' },
  { value: 'no', label: '超时反馈' },
];

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
        <SearchForm testId="ticket-filters" filters={filters} onSearch={setFilters} flags={FLAGS} toForm={toForm} fromForm={fromForm}>
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
          <Form.Item name="unit_id" label="项目所属单位">
            <UnitSelect placeholder="全部县市区/园区" kinds={['district', 'park', 'bureau']} />
          </Form.Item>
          <Form.Item name="resolved" label="反馈日期">
            <DatePicker.RangePicker placeholder={['起', '止']} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="on_time" label="是否按时">
            <Select<string> placeholder="全部" allowClear options={ON_TIME} />
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
