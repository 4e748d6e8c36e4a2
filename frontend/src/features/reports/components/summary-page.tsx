import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { DownloadButton } from '@/components/download-button';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useCitySummary, usePublishSummary, useSaveAnalysis, type CitySummary, type Comparison, type SummaryContent, type SummaryVersion } from '../api/summary';

type Values = Record<string, string | null | undefined>;
interface Line {
  key: string;
  name: string;
  kind: 'unit' | 'total' | 'compare' | 'rate' | 'none';
  values?: Values;
  note?: string;
}

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

function cell(line: Line, key: string): string {
  const v = line.values?.[key];
  if (v === null || v === undefined) return '—';
  if (line.kind === 'rate') return `${Number(v) > 0 ? '+' : ''}${v}%`;
  return number.format(Number(v));
}

function comparisonLines(c: Comparison, rateLabel: string): Line[] {
  const name = `${c.label}（${c.period_label}）`;
  if (!c.available) return [{ key: `${c.label}-none`, name, kind: 'none', note: '无数据' }];
  return [
    { key: c.label, name, kind: 'compare', values: c.totals ?? undefined },
    { key: `${c.label}-rate`, name: rateLabel, kind: 'rate', values: c.rate ?? undefined },
  ];
}

function lines(content: SummaryContent): Line[] {
  const statuses = new Map(content.missing.map((m) => [m.unit.id, m.status]));
  return [
    ...content.rows.map<Line>((r) =>
      r.figures
        ? { key: r.unit.id, name: r.unit.name, kind: 'unit', values: r.figures }
        : { key: r.unit.id, name: r.unit.name, kind: 'none', note: statuses.get(r.unit.id) ?? '未报送' },
    ),
    { key: 'total', name: '合计', kind: 'total', values: content.totals },
    ...comparisonLines(content.previous, '环比增减'),
    ...comparisonLines(content.last_year, '同比增减'),
  ];
}

/** Units × figures, then 合计, 环比 and 同比 (无数据 where the other period has no accepted report). */
export function SummaryTable({ content, testId = 'summary-table' }: { content: SummaryContent; testId?: string }) {
  const figureColumns = content.columns.map((c, i) => ({
    title: `${c.label}（${c.unit}）`,
    key: c.key,
    align: 'right' as const,
    width: 112,
    onCell: (line: Line) => (line.kind === 'none' ? { colSpan: i === 0 ? content.columns.length : 0, style: { textAlign: 'left' as const } } : {}),
    render: (_: unknown, line: Line) =>
      line.kind === 'none' ? (
        <Typography.Text type="secondary">{line.note}</Typography.Text>
      ) : (
        <Typography.Text strong={line.kind === 'total'} type={line.kind === 'rate' && Number(line.values?.[c.key] ?? 0) < 0 ? 'danger' : undefined}>
          {cell(line, c.key)}
        </Typography.Text>
      ),
  }));
  const columns: ColumnsType<Line> = [
    {
      title: '单位',
      key: 'name',
      fixed: 'left',
      width: 132,
      render: (_: unknown, line) => <Typography.Text strong={line.kind === 'total'}>{line.name}</Typography.Text>,
    },
    ...figureColumns,
  ];
  return (
    <Table<Line>
      size="small"
      bordered
      data-testid={testId}
      rowKey="key"
      columns={columns}
      dataSource={lines(content)}
      pagination={false}
      scroll={{ x: 132 + 112 * content.columns.length }}
    />
  );
}

function PublishModal({ summary, correction, onClose }: { summary: CitySummary; correction: boolean; onClose: () => void }) {
  const publish = usePublishSummary(summary);
  const { message } = App.useApp();
  return (
    <FormModal<{ reason?: string }>
      title={correction ? '发布更正版' : '发布全市汇总'}
      name="publish-summary"
      okText={correction ? '发布更正版' : '发布'}
      onClose={onClose}
      header={
        <Typography.Paragraph type="secondary">
          发布后，汇总表（按当前已通过的报表）和分析文字冻结为第 {(summary.versions[0]?.version ?? 0) + 1} 版，各县市区、园区和市领导将收到通知；已发布的版本不再改变。
        </Typography.Paragraph>
      }
      onSubmit={async (values) => {
        const v = await publish.mutateAsync(correction ? (values.reason ?? null) : null);
        message.success(`已发布第 ${v.version} 版`);
        onClose();
      }}
    >
      {correction ? (
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：岳塘区报表补充通过，合计更新" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

function AnalysisCard({ summary }: { summary: CitySummary }) {
  const editable = summary.actions.includes('edit');
  const save = useSaveAnalysis(summary);
  const showError = useApiError();
  const { message } = App.useApp();
  const [text, setText] = useState(summary.analysis);
  const latest = summary.versions[0];
  if (!editable) {
    return (
      <Card title="分析" size="small" data-testid="summary-analysis">
        {latest ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{latest.analysis}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">尚未发布</Typography.Text>
        )}
      </Card>
    );
  }
  const dirty = text !== summary.analysis;
  return (
    <Card
      title="分析（草稿）"
      size="small"
      data-testid="summary-analysis"
      extra={
        <Button
          type={dirty ? 'primary' : 'default'}
          size="small"
          loading={save.isPending}
          disabled={!dirty}
          data-testid="save-analysis"
          onClick={() =>
            save.mutateAsync(text).then(
              () => message.success('分析已保存'),
              (err) => showError(err),
            )
          }
        >
          保存
        </Button>
      }
    >
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 5, maxRows: 16 }}
        maxLength={20000}
        aria-label="分析文字"
        data-testid="analysis-input"
        placeholder="写明本期全市招商引资总体情况、主要亮点、存在问题和下步工作；发布时与汇总表一起冻结"
      />
    </Card>
  );
}

function Versions({ summary }: { summary: CitySummary }) {
  const label = summary.period.label;
  return (
    <Card title="已发布版本" size="small" data-testid="summary-versions">
      {summary.versions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发布" />
      ) : (
        <List<SummaryVersion>
          dataSource={summary.versions}
          renderItem={(v) => (
            <List.Item data-testid="summary-version">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Tag color={v.version === summary.versions[0].version ? 'green' : 'default'}>第 {v.version} 版</Tag>
                  <Typography.Text>
                    {formatDateTime(v.published_at)} · {v.published_by_name} {v.reason ? '发布更正版' : '发布'}
                  </Typography.Text>
                </Flex>
                {v.reason ? <Typography.Text type="secondary">更正原因：{v.reason}</Typography.Text> : null}
                <Flex gap={8} wrap>
                  <DownloadButton path={v.docx_url} fallback={`${label}全市汇总第${v.version}版.docx`} label={`下载第 ${v.version} 版 Word`}>
                    下载 Word
                  </DownloadButton>
                  <DownloadButton path={v.xlsx_url} fallback={`${label}全市汇总第${v.version}版.xlsx`} label={`下载第 ${v.version} 版 Excel`}>
                    下载 Excel
                  </DownloadButton>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function SummaryView({ summary }: { summary: CitySummary }) {
  const { content, period } = summary;
  const [publishing, setPublishing] = useState<'first' | 'correction' | null>(null);
  const latest = summary.versions[0];
  const actions = summary.actions.includes('publish') ? (
    <Button type="primary" data-testid="publish-summary" onClick={() => setPublishing('first')}>
      发布
    </Button>
  ) : summary.actions.includes('correct') ? (
    <Button data-testid="correct-summary" onClick={() => setPublishing('correction')}>
      发布更正版
    </Button>
  ) : undefined;
  return (
    <Flex vertical gap={16}>
      <DetailHeader
        back={{ to: `/reports?period_id=${period.id}`, label: '月报季报' }}
        code="全市汇总"
        title={`${period.label}全市汇总`}
        crumb={`${period.label}全市汇总`}
        marks={latest ? <Tag color="green">已发布第 {latest.version} 版</Tag> : <Tag>未发布</Tag>}
        actions={actions}
        testIds={{ title: 'summary-title', marks: 'summary-marks' }}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'span', label: '统计期', children: `${formatDate(period.date_from)} 至 ${formatDate(period.date_to)}` },
            { key: 'deadline', label: '截止日期', children: formatDate(period.deadline) },
            { key: 'count', label: '报送情况', children: `应报 ${content.expected} 个，已通过 ${content.accepted} 个` },
          ]}
        />
        {latest && summary.actions.includes('correct') ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            title="已发布的版本已冻结；下表按当前已通过的报表计算，如有变化请发布更正版并说明原因"
          />
        ) : null}
      </DetailHeader>
      <Card title="汇总表" size="small" extra={<Typography.Text type="secondary">合计、环比、同比按已通过的报表计算</Typography.Text>}>
        <SummaryTable content={content} />
      </Card>
      <Card title="未报送或未通过的单位" size="small" data-testid="summary-missing">
        {content.missing.length === 0 ? (
          <Typography.Text type="success">全部单位已报送并通过审核</Typography.Text>
        ) : (
          <Flex gap={8} wrap>
            {content.missing.map((m) => (
              <Tag key={m.unit.id} color={m.status === '未报送' ? 'red' : m.status === '已退回' ? 'magenta' : 'blue'}>
                {m.unit.name} · {m.status}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>
      <AnalysisCard key={summary.draft_version} summary={summary} />
      <Versions summary={summary} />
      {publishing ? <PublishModal summary={summary} correction={publishing === 'correction'} onClose={() => setPublishing(null)} /> : null}
    </Flex>
  );
}

/** 全市汇总 of a month or quarter: the accepted figures of every unit, totals, 环比/同比, who has not
 * reported, the analysis the coordinator writes, 发布 / 发布更正版 and every version's Word and Excel. */
export default function SummaryPage() {
  const { periodId = '' } = useParams();
  const summary = useCitySummary(periodId);
  return (
    <QueryBoundary
      query={summary}
      fallback={<Skeleton active />}
      notFound={{ title: '全市汇总不存在', subTitle: '该报表期不存在，或汇总尚未发布', backTo: '/reports', backLabel: '返回月报季报' }}
    >
      {(data) => <SummaryView summary={data} />}
    </QueryBoundary>
  );
}
