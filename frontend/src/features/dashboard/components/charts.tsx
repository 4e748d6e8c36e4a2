import { Card, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import { lazy, Suspense, type HTMLAttributes, type ReactNode } from 'react';
import { useIsPhone } from '@/lib/use-phone';
import type { Breakdown, DepartmentRow, DepartmentStats, Figure, Funnel, UnitStats } from '../api/stats';
import { byKey, formatExactWan, formatYi, toYi } from '../lib/figures';
import { monthLastYear, monthsBetween } from '../lib/filters';
import { formatDays, formatRate, rankByOnTime } from '../lib/on-time';
import { Definition, FigureLink } from './figure-card';
import type { ChartOption } from './figure-chart';

const FigureChart = lazy(() => import('./figure-chart'));

const BLUE = '#1f5fbf';
const GREY = '#a6b8d6';
const RED = '#cf1322';
const AMBER = '#faad14';

interface ChartCardProps {
  title: string;
  definition: ReactNode;
  loading: boolean;
  empty: boolean;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}

/** A chart in a card: its title, its 口径, and a hint that each segment opens its list. */
export function ChartCard({ title, definition, loading, empty, testId, extra, children }: ChartCardProps) {
  return (
    <Card
      size="small"
      data-testid={testId}
      style={{ height: '100%' }}
      title={
        <Flex align="center" gap={4}>
          <span>{title}</span>
          <Definition title={title}>{definition}</Definition>
        </Flex>
      }
      extra={extra}
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="统计期内暂无数据" />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>{children}</Suspense>
      )}
    </Card>
  );
}

const CLICK_HINT = '点击图中的柱条或色块，打开产生该数字的列表。';

function tooltipBase(phone: boolean): ChartOption {
  return { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, textStyle: { fontSize: phone ? 12 : 13 } };
}

/** Horizontal ranked bars (first row on top): one series per figure key. */
function rankedOption(
  labels: string[],
  counts: boolean,
  series: { name: string; color: string; values: number[]; label: (v: number) => string }[],
  phone: boolean,
  tooltip?: (i: number) => string,
): ChartOption {
  return {
    grid: { left: 8, right: phone ? 56 : 72, top: series.length > 1 ? 30 : 8, bottom: 8 },
    legend: series.length > 1 ? { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } } : undefined,
    tooltip: tooltip
      ? { ...tooltipBase(phone), formatter: (p: { dataIndex: number }[]) => tooltip(p[0]?.dataIndex ?? 0) }
      : tooltipBase(phone),
    xAxis: { type: 'value', minInterval: counts ? 1 : 0, axisLabel: { show: !phone, fontSize: 11 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { width: phone ? 96 : 150, overflow: 'truncate', fontSize: phone ? 12 : 13, color: '#333' },
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      barMaxWidth: 18,
      itemStyle: { color: s.color, borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', fontSize: 12, formatter: (p: { value: number }) => s.label(p.value) },
      cursor: 'pointer',
    })),
  };
}

const rankedHeight = (rows: number, series: number) => Math.max(160, rows * (series > 1 ? 44 : 34) + (series > 1 ? 40 : 16));

/** 项目阶段漏斗: the projects now in each stage, in the workflow's order. */
export function FunnelChartCard({ funnel, loading, extra }: { funnel: Funnel | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = funnel?.rows ?? [];
  const max = Math.max(1, ...rows.map((r) => r.figure.count));
  const option: ChartOption = {
    tooltip: { trigger: 'item', confine: true, formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]?.label}：${rows[p.dataIndex]?.figure.count} 个` },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: phone ? '4%' : '12%',
        right: phone ? '4%' : '12%',
        top: 8,
        bottom: 8,
        min: 0,
        max,
        minSize: '36%',
        maxSize: '100%',
        gap: 2,
        label: { show: true, position: 'inside', fontSize: phone ? 12 : 13, color: '#fff', formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex]?.label} ${rows[p.dataIndex]?.figure.count}` },
        itemStyle: { borderWidth: 0 },
        data: rows.map((r, i) => ({ name: r.label, value: r.figure.count, itemStyle: { color: `hsl(${214 - i * 9}, ${62 - i * 2}%, ${38 + i * 4}%)` } })),
        cursor: 'pointer',
      },
    ],
  };
  return (
    <ChartCard
      title="项目阶段漏斗"
      definition={<>{funnel?.definition ?? '各阶段目前的项目数'}。{CLICK_HINT}</>}
      loading={loading}
      empty={rows.every((r) => r.figure.count === 0)}
      testId="chart-funnel"
      extra={extra}
    >
      <FigureChart option={option} figureAt={(_, i) => rows[i]?.figure} height={phone ? 300 : 320} testId="chart-funnel-canvas" />
    </ChartCard>
  );
}

/** 月度签约: this year's signings per month against the same month last year. */
export function MonthsChartCard({ current, previous, loading, extra }: { current: Breakdown | undefined; previous: Breakdown | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const months = current ? monthsBetween(current.period.date_from, current.period.date_to) : [];
  const now = new Map((current?.rows ?? []).map((r) => [r.key, r.figures[0]]));
  const before = new Map((previous?.rows ?? []).map((r) => [r.key, r.figures[0]]));
  const figures: (Figure | undefined)[][] = [months.map((m) => now.get(m)), months.map((m) => before.get(monthLastYear(m)))];
  const labels = months.map((m) => `${Number(m.slice(5))}月`);
  const option: ChartOption = {
    grid: { left: 8, right: 8, top: 36, bottom: 8 },
    legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } },
    tooltip: {
      ...tooltipBase(phone),
      formatter: (ps: { dataIndex: number; seriesIndex: number; seriesName: string; marker: string }[]) =>
        [
          labels[ps[0]?.dataIndex ?? 0],
          ...ps.map((p) => {
            const f = figures[p.seriesIndex]?.[p.dataIndex];
            return `${p.marker}${p.seriesName}：${f?.count ?? 0} 个，${formatYi(f?.amount)} 亿元`;
          }),
        ].join('<br/>'),
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { show: false },
      // A phone has room for 12 numbers, not 12 「N月」: the axis is named 月 instead.
      axisLabel: { fontSize: 12, interval: 0, formatter: phone ? (v: string) => v.replace('月', '') : undefined },
      name: phone ? '月' : undefined,
      nameGap: 4,
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
    series: [
      { name: `${current?.period.label ?? '本期'}`, type: 'bar', barMaxWidth: 16, itemStyle: { color: BLUE }, data: figures[0].map((f) => f?.count ?? 0), cursor: 'pointer' },
      { name: '上年同期', type: 'bar', barMaxWidth: 16, itemStyle: { color: GREY }, data: figures[1].map((f) => f?.count ?? 0), cursor: 'pointer' },
    ],
  };
  return (
    <ChartCard
      title="月度签约项目（本年与上年同期）"
      definition={<>按签约日期所在月份统计的签约项目个数，与上年同月对比；提示框中为签约金额。{CLICK_HINT}</>}
      loading={loading}
      empty={months.length === 0}
      testId="chart-months"
      extra={extra}
    >
      <FigureChart option={option} figureAt={(s, i) => figures[s]?.[i]} height={phone ? 260 : 320} testId="chart-months-canvas" />
    </ChartCard>
  );
}

/** 签约金额 by unit or industry chain, ranked, in 亿元 (the exact 万元 in the tooltip). */
export function AmountChartCard({ title, breakdown, loading, testId, extra }: { title: string; breakdown: Breakdown | undefined; loading: boolean; testId: string; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = breakdown?.rows ?? [];
  const option = rankedOption(
    rows.map((r) => r.label),
    false,
    [{ name: '签约金额（亿元）', color: BLUE, values: rows.map((r) => Number(toYi(r.figures[0]?.amount).toFixed(2))), label: (v) => `${v} 亿` }],
    phone,
    (i) => {
      const f = rows[i]?.figures[0];
      return `${rows[i]?.label}<br/>签约 ${f?.count ?? 0} 个<br/>${formatYi(f?.amount)} 亿元（${formatExactWan(f?.amount)}）`;
    },
  );
  return (
    <ChartCard
      title={title}
      definition={<>{breakdown?.definition}。单位：亿元，按金额从高到低。{CLICK_HINT}</>}
      loading={loading}
      empty={rows.length === 0}
      testId={testId}
      extra={extra}
    >
      <FigureChart option={option} figureAt={(_, i) => rows[i]?.figures[0]} height={rankedHeight(rows.length, 1)} testId={`${testId}-canvas`} />
    </ChartCard>
  );
}

/** 各部门服务事项: overdue and in hand per department, most overdue first. */
export function DepartmentsChartCard({ stats, loading, extra }: { stats: DepartmentStats | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = stats?.rows ?? [];
  const keys = ['overdue', 'open'] as const;
  const option = rankedOption(
    rows.map((r) => r.department_name),
    true,
    [
      { name: '超期', color: RED, values: rows.map((r) => byKey(r.figures, 'overdue')?.count ?? 0), label: (v) => String(v) },
      { name: '在办', color: BLUE, values: rows.map((r) => byKey(r.figures, 'open')?.count ?? 0), label: (v) => String(v) },
    ],
    phone,
  );
  return (
    <ChartCard
      title="各部门服务事项办理（超期、在办）"
      definition={
        <>
          超期：{byKey(rows[0]?.figures, 'overdue')?.definition ?? '办理中且已过办理时限的事项'}；在办：
          {byKey(rows[0]?.figures, 'open')?.definition ?? '已交办、已签收或办理中的事项'}。按超期数从多到少。{CLICK_HINT}
        </>
      }
      loading={loading}
      empty={rows.length === 0}
      testId="chart-departments"
      extra={extra}
    >
      <FigureChart option={option} figureAt={(s, i) => byKey(rows[i]?.figures, keys[s] ?? 'overdue')} height={rankedHeight(rows.length, 2)} testId="chart-departments-canvas" />
    </ChartCard>
  );
}

/** The on-time figures of a department, each a link to its ticket list. */
function OnTimeTable({ rows }: { rows: DepartmentRow[] }) {
  const phone = useIsPhone();
  return (
    <Table<DepartmentRow>
      size="small"
      rowKey="department_id"
      pagination={false}
      dataSource={rows}
      data-testid="ontime-table"
      onRow={(r) => ({ 'data-department': r.department_name }) as HTMLAttributes<HTMLElement>}
      style={{ marginTop: 8 }}
      columns={[
        { key: 'name', title: '部门', dataIndex: 'department_name', width: phone ? 96 : undefined },
        {
          key: 'rate',
          title: phone ? '按时率' : '按时反馈率',
          align: 'right',
          render: (_, r) => (
            <FigureLink figure={byKey(r.figures, 'resolved_on_time')} testId="ontime-rate" className="figure-inline-link">
              {formatRate(r.on_time_rate)}
            </FigureLink>
          ),
        },
        {
          key: 'counts',
          title: '按时/反馈',
          align: 'right',
          render: (_, r) => (
            <>
              <FigureLink figure={byKey(r.figures, 'resolved_on_time')} testId="ontime-on-time" className="figure-inline-link">
                {byKey(r.figures, 'resolved_on_time')?.count ?? 0}
              </FigureLink>
              {' / '}
              <FigureLink figure={byKey(r.figures, 'resolved')} testId="ontime-resolved" className="figure-inline-link">
                {byKey(r.figures, 'resolved')?.count ?? 0}
              </FigureLink>
            </>
          ),
        },
        { key: 'days', title: phone ? '用时' : '平均用时', align: 'right', render: (_, r) => <span data-testid="ontime-days">{formatDays(r.avg_working_days)}</span> },
        {
          key: 'overdue',
          title: '超期',
          align: 'right',
          render: (_, r) => (
            <FigureLink figure={byKey(r.figures, 'overdue')} testId="ontime-overdue" className="figure-inline-link">
              {byKey(r.figures, 'overdue')?.count ?? 0}
            </FigureLink>
          ),
        },
      ]}
    />
  );
}

/** 各部门按时反馈率: the departments with resolutions in the period, best rate first, with
 * their overdue tickets; the bars open the tickets resolved on time, the table each figure's list. */
export function OnTimeChartCard({ stats, loading, extra }: { stats: DepartmentStats | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = rankByOnTime(stats?.rows ?? []);
  const option = rankedOption(
    rows.map((r) => r.department_name),
    false,
    [{ name: '按时反馈率（%）', color: BLUE, values: rows.map((r) => Number(((r.on_time_rate ?? 0) * 100).toFixed(1))), label: (v) => `${v}%` }],
    phone,
    (i) => {
      const r = rows[i];
      if (!r) return '';
      return [
        r.department_name,
        `按时反馈率 ${formatRate(r.on_time_rate)}`,
        `按时反馈 ${byKey(r.figures, 'resolved_on_time')?.count ?? 0} / 反馈 ${byKey(r.figures, 'resolved')?.count ?? 0} 项`,
        `平均用时 ${formatDays(r.avg_working_days)} 个工作日`,
        `目前超期 ${byKey(r.figures, 'overdue')?.count ?? 0} 项`,
      ].join('<br/>');
    },
  );
  Object.assign(option.xAxis as object, { max: 100 });
  return (
    <ChartCard
      title="各部门按时反馈率"
      definition={
        <>
          {stats?.definitions.on_time_rate ?? '按时反馈率 = 按时反馈 ÷ 反馈'}；{stats?.definitions.avg_working_days ?? ''}。统计期：
          {stats?.period.label}。只列统计期内有反馈的部门，按按时反馈率从高到低；超期为目前办理中且已过时限的事项。点击柱条打开按时反馈的事项，点击表中数字打开产生它的列表。
        </>
      }
      loading={loading}
      empty={rows.length === 0}
      testId="chart-ontime"
      extra={extra}
    >
      <FigureChart option={option} figureAt={(_, i) => byKey(rows[i]?.figures, 'resolved_on_time')} height={rankedHeight(rows.length, 1)} testId="chart-ontime-canvas" />
      <OnTimeTable rows={rows} />
    </ChartCard>
  );
}

/** 议定事项落实: open and overdue decisions per unit responsible for or helping with them. */
export function DecisionUnitsChartCard({ stats, loading, extra }: { stats: UnitStats | undefined; loading: boolean; extra?: ReactNode }) {
  const phone = useIsPhone();
  const rows = (stats?.rows ?? []).filter((r) => r.figures.some((f) => f.count > 0));
  const keys = ['overdue', 'open'] as const;
  const option = rankedOption(
    rows.map((r) => r.unit_name),
    true,
    [
      { name: '超期', color: AMBER, values: rows.map((r) => byKey(r.figures, 'overdue')?.count ?? 0), label: (v) => String(v) },
      { name: '未办结', color: BLUE, values: rows.map((r) => byKey(r.figures, 'open')?.count ?? 0), label: (v) => String(v) },
    ],
    phone,
  );
  return (
    <ChartCard
      title="各单位议定事项（超期、未办结）"
      definition={
        <>
          未办结：{byKey(rows[0]?.figures, 'open')?.definition ?? '目前未办结的议定事项'}；超期：
          {byKey(rows[0]?.figures, 'overdue')?.definition ?? '未办结且已过完成时限的议定事项'}。{CLICK_HINT}
        </>
      }
      loading={loading}
      empty={rows.length === 0}
      testId="chart-decisions"
      extra={extra}
    >
      <FigureChart option={option} figureAt={(s, i) => byKey(rows[i]?.figures, keys[s] ?? 'overdue')} height={rankedHeight(rows.length, 2)} testId="chart-decisions-canvas" />
    </ChartCard>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}
