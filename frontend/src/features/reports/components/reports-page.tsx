import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormModal } from '@/components/form-modal';
import type { ListCardProps } from '@/components/list-cards';
import { EnumSelect } from '@/components/list-filters';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { UnitSelect } from '@/components/unit-select';
import { toSelectOptions, useEnums } from '@/lib/api/meta';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime } from '@/lib/format';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { useOpenPeriod, useReportPeriods, useReports, type PeriodCreate, type ReportFilters, type ReportSummary } from '../api/reports';
import { ReportFlags, ReportStateTag } from './report-tags';

const SPEC: FilterSpec<ReportFilters> = {
  period_id: 'string',
  kind: 'string',
  year: 'number',
  unit_id: 'string',
  state: 'strings',
  overdue: 'boolean',
  late: 'boolean',
};

// Who reads the city summary of a period before it is published.
const SUMMARY_READERS = new Set(['coordinator', 'supervisor', 'leader', 'viewer']);

const FLAGS = [
  { key: 'overdue', label: '逾期未报' },
  { key: 'late', label: '迟报' },
] as const;

const columns: ColumnsType<ReportSummary> = [
  {
    title: '报表',
    key: 'period',
    render: (_: unknown, r) => (
      <Link to={`/reports/${r.id}`} data-testid="report-link">
        <Typography.Text strong>{r.period.label}</Typography.Text>
      </Link>
    ),
  },
  { title: '报送单位', key: 'unit', width: 160, render: (_: unknown, r) => r.unit.name },
  {
    title: '截止日期',
    key: 'deadline',
    width: 120,
    className: 'nowrap',
    render: (_: unknown, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatDate(r.period.deadline)}</Typography.Text>,
  },
  {
    title: '状态',
    key: 'state',
    width: 170,
    render: (_: unknown, r) => (
      <Flex gap={2} wrap>
        <ReportStateTag state={r.state} />
        <ReportFlags overdue={r.overdue} late={r.late} />
      </Flex>
    ),
  },
  { title: '报送时间', key: 'submitted_at', width: 150, render: (_: unknown, r) => (r.submitted_at ? formatDateTime(r.submitted_at) : '—') },
];

function reportCard(r: ReportSummary): ListCardProps {
  return {
    to: `/reports/${r.id}`,
    title: r.period.label,
    status: <ReportStateTag state={r.state} />,
    tone: r.overdue ? 'overdue' : undefined,
    marks: <ReportFlags overdue={r.overdue} late={r.late} />,
    facts: [
      { label: '报送单位', value: r.unit.name },
      { label: '截止日期', value: formatDate(r.period.deadline) },
      { label: '报送时间', value: r.submitted_at ? formatDateTime(r.submitted_at) : '未报送' },
    ],
  };
}

/** 开启报表期: the coordinator opens a month or quarter for every district and park. */
function OpenPeriodModal({ onClose }: { onClose: () => void }) {
  const enums = useEnums();
  const open = useOpenPeriod();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return (
    <FormModal<PeriodCreate>
      title="开启报表期"
      name="open-period"
      okText="开启"
      onClose={onClose}
      initialValues={{ kind: 'month', year: last.getFullYear(), number: last.getMonth() + 1 }}
      onSubmit={async (values) => {
        const period = await open.mutateAsync(values);
        message.success(`${period.label}已开启，${period.reports} 个单位待报送`);
        onClose();
        void navigate(`/reports?period_id=${period.id}`);
      }}
    >
      <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
        <Select options={toSelectOptions(enums.data?.report_kinds)} />
      </Form.Item>
      <Form.Item name="year" label="年度" rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="number" label="月份或季度" rules={[{ required: true }]} extra="月报填 1–12，季报填 1–4；截止日期默认为期末后第 5 个工作日">
        <InputNumber min={1} max={12} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** 月报季报: every district's and park's report in the user's scope, with state and deadline. */
export default function ReportsPage() {
  const { filters, setFilters } = useUrlFilters(SPEC);
  const list = useReports(filters);
  const periods = useReportPeriods();
  const me = useMe();
  const [opening, setOpening] = useState(false);
  const enums = useEnums();
  return (
    <>
      <PageHeader
        title="月报季报"
        subtitle="各县市区、园区按月、按季报送：指标由系统预填，单位补充重大措施、会议、活动和问题"
        extra={
          <Flex gap={8} wrap>
            {filters.period_id && SUMMARY_READERS.has(me?.role ?? '') ? (
              <Link to={`/report-periods/${filters.period_id}`} data-testid="summary-link">
                <Button icon={<BarChartOutlined />}>全市汇总</Button>
              </Link>
            ) : null}
            {hasPermission(me, 'reports:review') ? (
              <Button icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-period">
                开启报表期
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card>
        <SearchForm testId="report-filters" filters={filters} onSearch={setFilters} flags={FLAGS}>
          <Form.Item name="period_id" label="报表期">
            <Select
              allowClear
              placeholder="全部报表期"
              options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.label }))}
            />
          </Form.Item>
          <Form.Item name="state" label="状态">
            <EnumSelect enumKey="report_states" placeholder="全部状态" />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select allowClear placeholder="月报和季报" options={toSelectOptions(enums.data?.report_kinds)} />
          </Form.Item>
          <Form.Item name="unit_id" label="报送单位">
            <UnitSelect placeholder="全部单位" />
          </Form.Item>
        </SearchForm>
        <ListTable<ReportSummary>
          list={list}
          data-testid="reports-list"
          columns={columns}
          card={reportCard}
          settingsKey="reports"
          rowClassName={(r) => (r.overdue ? 'ticket-row-overdue' : '')}
          scroll={{ x: 760 }}
        />
      </Card>
      {opening ? <OpenPeriodModal onClose={() => setOpening(false)} /> : null}
    </>
  );
}
