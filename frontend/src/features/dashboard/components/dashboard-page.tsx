import { FundProjectionScreenOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '@/components/export-button';
import { PageHeader } from '@/components/page-header';
import { StageTag } from '@/components/stage-tag';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { useUrlFilters } from '@/lib/url-filters';
import { useMyProject } from '@/features/my-project/api/my-project';
import {
  type Figure,
  type ProjectStats,
  useBreakdown,
  useDecisionUnits,
  STATS_EXPORTS,
  type StatsFilter,
  useDepartmentStats,
  useFunnel,
  useLeaderBoard,
  useProjectStats,
} from '../api/stats';
import { byKey, change, formatCount, formatExactWan, formatYi, toYi } from '../lib/figures';
import { DASHBOARD_FILTERS, lastYear, toStatsFilter } from '../lib/filters';
import { formatDays, formatRate } from '../lib/on-time';
import { AmountChartCard, DecisionUnitsChartCard, DepartmentsChartCard, FunnelChartCard, MonthsChartCard, OnTimeChartCard } from './charts';
import { DashboardFilterBar } from './dashboard-filters';
import { FigureCard, FigureLink } from './figure-card';
import { KeyProjectsCard } from './key-projects-card';
import { LeadersCard } from './leaders-card';

const CITY_ROLES = ['coordinator', 'leader', 'supervisor', 'viewer'];

/** 导出 Excel of a statistics block: its workbook with the dashboard's filters. */
function StatsExport({ path, filters, name }: { path: string; filters: StatsFilter; name: string }) {
  return <ExportButton path={path} filters={filters} fallback={`${name}.xlsx`} compact />;
}

/** 年初至今 against 上年同期, each side a link to its own list. */
function Comparison({ stats, figureKey, amount }: { stats: ProjectStats; figureKey: string; amount: boolean }) {
  const now = byKey(stats.year_to_date.figures, figureKey);
  const before = byKey(stats.year_to_date.last_year_figures, figureKey);
  if (!now || !before) return null;
  const value = (f: Figure) => (amount ? toYi(f.amount) : f.count);
  const show = (f: Figure) => (amount ? formatYi(f.amount) : formatCount(f.count));
  const delta = change(Number(value(now).toFixed(amount ? 2 : 0)), Number(value(before).toFixed(amount ? 2 : 0)), amount ? ' 亿' : ' 个');
  return (
    <div data-testid="figure-comparison">
      <div>
        年初至今{' '}
        <FigureLink figure={now} title={amount ? formatExactWan(now.amount) : undefined} className="figure-inline-link">
          {show(now)}
        </FigureLink>
      </div>
      <div>
        上年同期{' '}
        <FigureLink figure={before} title={amount ? formatExactWan(before.amount) : undefined} testId="figure-last-year" className="figure-inline-link">
          {show(before)}
        </FigureLink>
        <span className={delta.sign > 0 ? 'figure-up' : delta.sign < 0 ? 'figure-down' : undefined}> {delta.text}</span>
      </div>
    </div>
  );
}

function periodNote(stats: ProjectStats): ReactNode {
  const ytd = stats.year_to_date;
  return (
    <>
      统计期：{stats.period.label}（{stats.period.date_from} 至 {stats.period.date_to}）。年初至今：{ytd.period.label}；上年同期：{ytd.last_year.label}。
    </>
  );
}

/** 新签约项目 N 个、签约金额 X 亿元、1 亿元以上 N 个、落地（开工）N 个、到位资金. */
function HeadlineCards({ stats, major }: { stats: ProjectStats | undefined; major: boolean }) {
  if (!stats) {
    return (
      <div className="dashboard-cards">
        {[0, 1, 2, 3, 4].map((i) => (
          <Card size="small" key={i}>
            <Skeleton active paragraph={{ rows: 2 }} title={false} />
          </Card>
        ))}
      </div>
    );
  }
  const signed = byKey(stats.figures, 'signed');
  const signedMajor = byKey(stats.figures, 'signed_major');
  const landed = byKey(stats.figures, 'landed');
  const funds = byKey(stats.figures, 'funds_arrived');
  const note = periodNote(stats);
  const def = (f: Figure | undefined, extra?: ReactNode) => (
    <>
      {f?.definition}。{extra}
      {note}点击数字打开产生它的列表。
    </>
  );
  return (
    <div className="dashboard-cards" data-testid="headline-figures">
      <FigureCard
        testId="figure-signed"
        title={major ? '新签约重大项目' : '新签约项目'}
        figure={signed}
        value={formatCount(signed?.count ?? 0)}
        unit="个"
        definition={def(signed)}
        footer={<Comparison stats={stats} figureKey="signed" amount={false} />}
      />
      <FigureCard
        testId="figure-signed-amount"
        title="签约金额"
        figure={signed}
        value={formatYi(signed?.amount)}
        unit="亿元"
        exact={formatExactWan(signed?.amount)}
        definition={def(signed, <>精确值：{formatExactWan(signed?.amount)}。</>)}
        footer={<Comparison stats={stats} figureKey="signed" amount />}
      />
      <FigureCard
        testId="figure-signed-major"
        title="1 亿元以上"
        figure={signedMajor}
        value={formatCount(signedMajor?.count ?? 0)}
        unit="个"
        exact={`签约金额合计 ${formatExactWan(signedMajor?.amount)}`}
        definition={def(signedMajor, <>签约金额合计：{formatExactWan(signedMajor?.amount)}。</>)}
        footer={<Comparison stats={stats} figureKey="signed_major" amount={false} />}
      />
      <FigureCard
        testId="figure-landed"
        title="落地（开工）"
        figure={landed}
        value={formatCount(landed?.count ?? 0)}
        unit="个"
        definition={def(landed)}
        footer={<Comparison stats={stats} figureKey="landed" amount={false} />}
      />
      <FigureCard
        testId="figure-funds"
        title="到位资金"
        figure={funds}
        value={formatYi(funds?.amount)}
        unit="亿元"
        exact={formatExactWan(funds?.amount)}
        definition={def(funds, <>精确值：{formatExactWan(funds?.amount)}；点击打开这些项目（{funds?.count ?? 0} 个）。</>)}
        footer={<Comparison stats={stats} figureKey="funds_arrived" amount />}
      />
    </div>
  );
}

/** A leader's own project, first on his dashboard (he often arrives from a message about it). */
function MyProjectCard() {
  const mine = useMyProject();
  const p = mine.data?.project;
  if (mine.isPending || !p) return null;
  return (
    <Card size="small" data-testid="my-project-card" style={{ borderColor: '#1f5fbf', background: '#f0f6ff' }}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">
            <FundProjectionScreenOutlined /> 我的项目
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {p.name}
          </Typography.Text>
          <Flex gap={8} wrap align="center">
            <StageTag stage={p.stage} />
            <Typography.Text type="secondary">
              未办结服务事项 {mine.data?.open_tickets_total ?? 0} 项 · 未完成议定事项 {mine.data?.open_decisions_total ?? 0} 项
            </Typography.Text>
          </Flex>
        </Flex>
        <Link to="/my-project" data-testid="my-project-open">
          <Button type="primary" icon={<RightOutlined />} iconPlacement="end">
            进入我的项目
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}

/** A department's own figures: its tickets in hand, overdue, 督办, 通报, this year's on-time
 * rate and average working days, and its decisions. */
function DepartmentFigures() {
  const me = useMe();
  const filters: StatsFilter = { period: 'year' };
  const tickets = useDepartmentStats(filters);
  const decisions = useDecisionUnits(hasPermission(me, 'meetings:read'));
  const row = tickets.data?.rows.find((r) => r.department_id === me.unit.id);
  const unitRow = decisions.data?.rows.find((r) => r.unit_id === me.unit.id);
  const card = (key: string, title: string, f: Figure | undefined, testId: string) => (
    <FigureCard key={key} testId={testId} title={title} figure={f} value={formatCount(f?.count ?? 0)} unit="项" definition={<>{f?.definition ?? '—'}。点击数字打开产生它的列表。</>} />
  );
  if (tickets.isPending) return <Skeleton active />;
  const resolved = byKey(row?.figures, 'resolved');
  const onTime = byKey(row?.figures, 'resolved_on_time');
  const period = tickets.data?.period.label ?? '今年';
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <ExportButton path={STATS_EXPORTS.departments} filters={filters} fallback="各部门服务事项办理情况.xlsx" />
      </Flex>
      <div className="dashboard-cards" data-testid="department-figures">
        {card('open', '在办事项', byKey(row?.figures, 'open'), 'figure-open')}
        {card('overdue', '超期事项', byKey(row?.figures, 'overdue'), 'figure-overdue')}
        {card('supervised', '督办', byKey(row?.figures, 'supervised'), 'figure-supervised')}
        {card('circulated', '通报', byKey(row?.figures, 'circulated'), 'figure-circulated')}
        <FigureCard
          testId="figure-on-time-rate"
          title={`按时反馈率（${period}）`}
          figure={onTime}
          value={formatRate(row?.on_time_rate).replace('%', '')}
          unit={row?.on_time_rate === null || row?.on_time_rate === undefined ? '' : '%'}
          definition={<>{tickets.data?.definitions.on_time_rate}。点击数字打开按时反馈的事项（{onTime?.count ?? 0} 项）。</>}
          footer={
            <span>
              按时{' '}
              <FigureLink figure={onTime} testId="figure-on-time" className="figure-inline-link">
                {onTime?.count ?? 0}
              </FigureLink>{' '}
              / 反馈{' '}
              <FigureLink figure={resolved} testId="figure-resolved" className="figure-inline-link">
                {resolved?.count ?? 0}
              </FigureLink>{' '}
              项
            </span>
          }
        />
        <FigureCard
          testId="figure-avg-days"
          title={`平均办理用时（${period}）`}
          figure={resolved}
          value={formatDays(row?.avg_working_days)}
          unit={row?.avg_working_days === null || row?.avg_working_days === undefined ? '' : '工作日'}
          definition={<>{tickets.data?.definitions.avg_working_days}。点击数字打开统计期内反馈的事项（{resolved?.count ?? 0} 项）。</>}
        />
        {unitRow ? card('decisions-open', '未办结议定事项', byKey(unitRow.figures, 'open'), 'figure-decisions-open') : null}
        {unitRow ? card('decisions-overdue', '超期议定事项', byKey(unitRow.figures, 'overdue'), 'figure-decisions-overdue') : null}
      </div>
      {!row ? <Alert type="info" showIcon message="本部门目前没有牵头或协办的服务事项。" /> : null}
    </Flex>
  );
}

/**
 * 驾驶舱: the bureau's headline figures and charts for the period chosen, each number and chart
 * segment a link to the list that produces it. City roles see the whole city (and may pick a
 * unit); a district or park officer sees their unit's figures, a department officer their tickets.
 */
export default function DashboardPage() {
  const me = useMe();
  const cityWide = CITY_ROLES.includes(me.role);
  const department = me.role === 'department_officer';
  const { filters, patch } = useUrlFilters(DASHBOARD_FILTERS);
  const query = toStatsFilter(filters, cityWide);
  const projects = !department && query !== null;
  const canTickets = hasPermission(me, 'tickets:read');
  const canDecisions = hasPermission(me, 'meetings:read');
  const thisYear = dayjs().year();

  const stats = useProjectStats(query ?? {}, projects);
  const funnel = useFunnel(query ?? {}, projects);
  const months = useBreakdown(query ?? {}, 'month', projects);
  const monthsBefore = useBreakdown(query ? lastYear(query, thisYear) : {}, 'month', projects);
  const byUnit = useBreakdown(query ?? {}, 'unit', projects && cityWide && !filters.unit_id);
  const byChain = useBreakdown(query ?? {}, 'industry_chain', projects);
  const departments = useDepartmentStats(query ?? {}, !department && canTickets);
  const decisions = useDecisionUnits(!department && canDecisions);
  const leaders = useLeaderBoard(query ?? {}, cityWide && query !== null);
  const q = query ?? {};

  const subtitle = cityWide ? '全市招商引资主要指标' : department ? `${me.unit.name}：服务事项办理情况` : `${me.unit.name}：本单位招商引资主要指标`;

  return (
    <Flex vertical gap={12} data-testid="dashboard">
      <PageHeader
        title="驾驶舱"
        subtitle={<>{subtitle}。{department ? '点击数字打开产生它的列表。' : '每个数字和图中的每一段都可点击，打开产生它的列表。'}</>}
        extra={!department && query !== null ? <ExportButton path={STATS_EXPORTS.projects} filters={query} fallback="项目主要指标.xlsx" /> : undefined}
      />
      {me.role === 'leader' ? <MyProjectCard /> : null}
      {department ? (
        <DepartmentFigures />
      ) : (
        <>
          <DashboardFilterBar filters={filters} patch={patch} cityWide={cityWide} />
          {query === null ? <Alert type="info" showIcon message="请选择自定义统计期的起止日期。" /> : null}
          {stats.isError ? <Alert type="error" showIcon message="主要指标加载失败，请稍后刷新。" /> : null}
          {query !== null ? (
            <>
              <HeadlineCards stats={stats.data} major={filters.is_major === true} />
              <Row gutter={[12, 12]}>
                <Col xs={24} lg={12}>
                  <FunnelChartCard funnel={funnel.data} loading={funnel.isPending} extra={<StatsExport path={STATS_EXPORTS.funnel} filters={q} name="项目阶段漏斗" />} />
                </Col>
                <Col xs={24} lg={12}>
                  <MonthsChartCard current={months.data} previous={monthsBefore.data} loading={months.isPending || monthsBefore.isPending}
                    extra={<StatsExport path={STATS_EXPORTS.breakdown} filters={{ ...q, by: 'month' } as StatsFilter} name="签约项目按月份统计" />}
                  />
                </Col>
                {cityWide && !filters.unit_id ? (
                  <Col xs={24} lg={12}>
                    <AmountChartCard title="各单位签约金额排名" breakdown={byUnit.data}
                      loading={byUnit.isPending}
                      testId="chart-units"
                      extra={<StatsExport path={STATS_EXPORTS.breakdown} filters={{ ...q, by: 'unit' } as StatsFilter} name="签约项目按责任单位统计" />}
                    />
                  </Col>
                ) : null}
                <Col xs={24} lg={12}>
                  <AmountChartCard title="各产业链签约金额" breakdown={byChain.data}
                    loading={byChain.isPending}
                    testId="chart-chains"
                    extra={<StatsExport path={STATS_EXPORTS.breakdown} filters={{ ...q, by: 'industry_chain' } as StatsFilter} name="签约项目按产业链统计" />}
                  />
                </Col>
                {canTickets ? (
                  <>
                    <Col xs={24} lg={12}>
                      <DepartmentsChartCard
                        stats={departments.data}
                        loading={departments.isPending}
                        extra={<StatsExport path={STATS_EXPORTS.departments} filters={q} name="各部门服务事项办理情况" />}
                      />
                    </Col>
                    <Col xs={24} lg={12}>
                      <OnTimeChartCard
                        stats={departments.data}
                        loading={departments.isPending}
                        extra={<StatsExport path={STATS_EXPORTS.departments} filters={q} name="各部门服务事项办理情况" />}
                      />
                    </Col>
                  </>
                ) : null}
                {canDecisions ? (
                  <Col xs={24} lg={12}>
                    <DecisionUnitsChartCard
                      stats={decisions.data}
                      loading={decisions.isPending}
                      extra={<StatsExport path={STATS_EXPORTS.decisionUnits} filters={{}} name="各单位议定事项落实情况" />}
                    />
                  </Col>
                ) : null}
                {cityWide ? (
                  <Col xs={24}>
                    <LeadersCard
                      stats={leaders.data}
                      loading={leaders.isPending}
                      extra={<StatsExport path={STATS_EXPORTS.leaders} filters={q} name="市领导联系项目" />}
                    />
                  </Col>
                ) : null}
                <Col xs={24}>
                  <KeyProjectsCard
                    filters={q}
                    extra={<StatsExport path={STATS_EXPORTS.keyProjects} filters={q} name="重点项目" />}
                  />
                </Col>
              </Row>
            </>
          ) : null}
        </>
      )}
    </Flex>
  );
}
