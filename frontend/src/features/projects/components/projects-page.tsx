import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { EnumSelect } from '@/components/list-filters';
import { ListTable } from '@/components/list-table';
import { PageHeader } from '@/components/page-header';
import { SearchForm } from '@/components/search-form';
import { StageTag } from '@/components/stage-tag';
import { UnitSelect } from '@/components/unit-select';
import { useLeaders } from '@/lib/api/assignments';
import { useDictionary } from '@/lib/api/dictionaries';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatMoney, formatWan } from '@/lib/format';
import { toSortParam } from '@/lib/table-sort';
import { useUrlFilters, type FilterSpec } from '@/lib/url-filters';
import { PROJECT_FILTERS } from '@/lib/list-filter-specs';
import { useApiError } from '@/lib/use-api-error';
import { exportProjects, useProjects, type Project, type ProjectFilters, type Stage } from '../api/projects';
import { ProjectCreateDrawer } from './project-create-drawer';
import { ProjectImportModal } from './project-import-modal';
import { ProjectMarks } from './project-marks';

const FLAGS = [
  { key: 'is_major', label: '重大' },
  { key: 'is_key', label: '重点' },
  { key: 'stale', label: '长期无进展' },
  { key: 'possible_duplicate', label: '疑似重复' },
] as const;
/** The server shows the duplicate flag only to those who see every project and investor. */
const SEES_DUPLICATES = ['coordinator', 'leader', 'supervisor'];

/** Years a 三级联审 list may exist for: next year's is decided late in the current one. */
const LIST_YEARS = Array.from({ length: 4 }, (_, i) => dayjs().year() + 1 - i);

const SPEC: FilterSpec<ProjectFilters> = PROJECT_FILTERS;

type Range = [Dayjs | null, Dayjs | null] | undefined;
const toRange = (from?: string | null, to?: string | null): Range => (from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : undefined);

/** The 签约日期 and 开工日期 range fields hold two days each; the filters hold them as ISO dates. */
const toForm = (f: ProjectFilters) => ({
  signed: toRange(f.signed_from, f.signed_to),
  started: toRange(f.started_from, f.started_to),
});
const fromForm = (values: Record<string, unknown>): Partial<ProjectFilters> => {
  const signed = values.signed as Range;
  const started = values.started as Range;
  const amount = values.signed_amount_min as number | string | null | undefined;
  return {
    signed: undefined,
    started: undefined,
    signed_from: signed?.[0]?.format('YYYY-MM-DD'),
    signed_to: signed?.[1]?.format('YYYY-MM-DD'),
    started_from: started?.[0]?.format('YYYY-MM-DD'),
    started_to: started?.[1]?.format('YYYY-MM-DD'),
    signed_amount_min: amount === null || amount === undefined || amount === '' ? undefined : String(amount),
  } as Partial<ProjectFilters>;
};

export default function ProjectsPage() {
  const me = useMe();
  const industries = useDictionary('industry_chain');
  const sources = useDictionary('source_channel');
  const leaders = useLeaders(hasPermission(me, 'users:read'));
  const { message } = App.useApp();
  const showError = useApiError();
  const { filters, setFilters, patch } = useUrlFilters(SPEC);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const list = useProjects(filters);
  const canWrite = hasPermission(me, 'projects:write');

  const onExport = async () => {
    setExporting(true);
    try {
      const { sort: _sort, ...rest } = filters;
      await exportProjects(rest);
      message.success('已导出当前筛选的项目');
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<Project> = [
    {
      title: '项目代码',
      key: 'code',
      dataIndex: 'code',
      sorter: true,
      width: 140,
      render: (code: string, p) => (
        <Link to={`/projects/${p.id}`} className="mono">
          {code}
        </Link>
      ),
    },
    {
      title: '项目名称',
      dataIndex: 'name',
      render: (name: string, p) => (
        <Flex vertical gap={4}>
          <Link to={`/projects/${p.id}`}>
            <Typography.Text strong>{name}</Typography.Text>
          </Link>
          <ProjectMarks project={p} />
        </Flex>
      ),
    },
    {
      title: '投资方',
      dataIndex: 'investor_name',
      render: (v: string | null, p) => (p.investor_redacted ? <Typography.Text type="secondary">（保密）</Typography.Text> : (v ?? '—')),
    },
    { title: '阶段', dataIndex: 'stage', width: 110, render: (s: Stage) => <StageTag stage={s} /> },
    { title: '责任单位', dataIndex: 'owner_unit_name', width: 130 },
    { title: '产业链', dataIndex: 'industry_chain', width: 120, render: (c: string) => industries.label(c) },
    {
      title: '计划总投资',
      key: 'planned_investment',
      dataIndex: 'planned_investment',
      sorter: true,
      align: 'right',
      width: 140,
      // One unit down the whole column, however many pages are loaded.
      render: (v: string) => formatMoney(v, '万元'),
    },
    { title: '牵头领导', dataIndex: 'lead_leader', width: 100, render: (l: Project['lead_leader']) => l?.full_name ?? '—' },
    {
      title: '最近活动',
      key: 'last_activity_at',
      dataIndex: 'last_activity_at',
      sorter: true,
      width: 120,
      className: 'nowrap',
      render: (v: string) => formatDate(v),
    },
  ];

  return (
    <>
      <PageHeader
        title="项目库"
        subtitle="全市招商项目台账：从信息收集到签约、开工、投产"
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting}>
              导出
            </Button>
            {canWrite ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  Excel 导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  新建项目
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Card>
        <SearchForm
          testId="project-filters"
          filters={filters}
          onSearch={setFilters}
          flags={FLAGS.filter((f) => f.key !== 'possible_duplicate' || SEES_DUPLICATES.includes(me.role))}
          toForm={toForm}
          fromForm={fromForm}
        >
          <Form.Item name="q" label="关键词">
            <Input placeholder="项目名称、代码或投资方" allowClear />
          </Form.Item>
          <Form.Item name="stage" label="阶段">
            <EnumSelect enumKey="stages" placeholder="全部阶段" />
          </Form.Item>
          <Form.Item name="owner_unit_id" label="责任单位">
            <UnitSelect placeholder="全部责任单位" kinds={['district', 'park', 'bureau']} />
          </Form.Item>
          <Form.Item name="industry_chain" label="产业链">
            <Select placeholder="全部产业链" allowClear options={industries.options} />
          </Form.Item>
          <Form.Item name="source_channel" label="招商渠道">
            <Select placeholder="全部招商渠道" allowClear options={sources.options} />
          </Form.Item>
          {leaders.data ? (
            <Form.Item name="leader_id" label="牵头领导">
              <Select placeholder="全部" allowClear options={leaders.data.map((u) => ({ value: u.id, label: u.full_name }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="signed" label="签约日期">
            <DatePicker.RangePicker placeholder={['起', '止']} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="signed_amount_min" label="签约金额不低于">
            <InputNumber<string> min="0" stringMode placeholder="万元" suffix="万元" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="started" label="开工日期">
            <DatePicker.RangePicker placeholder={['起', '止']} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="major_list_year" label="重大清单">
            <Select<number>
              placeholder="全部"
              allowClear
              options={LIST_YEARS.map((y) => ({ value: y, label: `${y} 年度重大项目` }))}
              aria-label="年度重大项目清单"
            />
          </Form.Item>
        </SearchForm>
        <ListTable<Project>
          list={list}
          data-testid="projects-table"
          columns={columns}
          scroll={{ x: 1100 }}
          settingsKey="projects"
          sort={filters.sort}
          onChange={(_, __, sorter) => patch({ sort: toSortParam(sorter) })}
          card={(p) => ({
            to: `/projects/${p.id}`,
            code: p.code,
            title: p.name,
            status: <StageTag stage={p.stage} />,
            marks: <ProjectMarks project={p} />,
            facts: [
              { label: '责任单位', value: p.owner_unit_name },
              { label: '计划总投资', value: formatWan(p.planned_investment) },
              { label: '牵头领导', value: p.lead_leader?.full_name ?? '—' },
              { label: '最近活动', value: <span className="nowrap">{formatDate(p.last_activity_at)}</span> },
            ],
          })}
        />
      </Card>
      <ProjectCreateDrawer open={creating} onClose={() => setCreating(false)} />
      <ProjectImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
