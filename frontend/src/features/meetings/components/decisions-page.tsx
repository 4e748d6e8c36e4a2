import { Card, Form, Input } from 'antd';
import { DecisionTable, decisionListColumns } from '@/components/decision-list';
import { EnumSelect } from '@/components/list-filters';
import { ExportButton } from '@/components/export-button';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { UnitSelect } from '@/components/unit-select';
import { DECISION_FILTERS } from '@/lib/list-filter-specs';
import { toSortParam } from '@/lib/table-sort';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { useDecisions, type DecisionFilters } from '../api/decisions';

const FLAGS = [
  { key: 'overdue', label: '已超期' },
  { key: 'mine', label: '只看本单位负责或配合' },
] as const;

const SPEC: FilterSpec<DecisionFilters> = DECISION_FILTERS;

const columns = decisionListColumns({ sortable: true });

/** 议定事项: every decision in the user's scope, followed up to done; overdue ones tinted. */
export default function DecisionsPage() {
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const list = useDecisions(filters);

  return (
    <>
      <PageHeader
        title="议定事项"
        subtitle="会议议定的事项：责任单位、完成时限、转交办和落实进展，跟踪到办结"
        extra={<ExportButton path="/api/v1/decisions/export" filters={filters} fallback="议定事项.xlsx" />}
      />
      <Card>
        <SearchForm testId="decision-filters" filters={filters} onSearch={setFilters} flags={FLAGS}>
          <Form.Item name="q" label="关键词">
            <Input placeholder="议定内容或编码" allowClear />
          </Form.Item>
          <Form.Item name="state" label="状态">
            <EnumSelect enumKey="decision_states" placeholder="全部状态" />
          </Form.Item>
          <Form.Item name="kind" label="会议类型">
            <EnumSelect enumKey="meeting_kinds" placeholder="全部会议类型" />
          </Form.Item>
          <Form.Item name="unit_id" label="责任单位">
            <UnitSelect placeholder="全部责任单位" />
          </Form.Item>
        </SearchForm>
        <DecisionTable
          list={list}
          testId="decisions-list"
          columns={columns}
          settingsKey="decisions"
          sort={filters.sort}
          onChange={(_, __, sorter) => patch({ sort: toSortParam(sorter) })}
        />
      </Card>
    </>
  );
}
