import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Popconfirm, Skeleton, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DetailHeader } from '@/components/detail-header';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { StageTag } from '@/components/stage-tag';
import { labelOf, useEnums } from '@/lib/api/meta';
import { formatDate, formatDateTime, formatQuantity, formatWan } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import { useIsPhone } from '@/lib/use-phone';
import { useRefreshReport, useReport, useTransitionReport, useUpdateReport, type Report, type ReportFigure } from '../api/reports';
import { NARRATIVE, type NarrativeKey } from '../lib/sections';
import { ReportFlags, ReportStateTag } from './report-tags';

type Project = Report['projects'][number];

function figureText(f: ReportFigure, value: string): string {
  return f.unit === '万元' ? formatWan(value) : formatQuantity(value, '个');
}

/** 更正: a corrected value with its reason, beside the computed one. */
function CorrectModal({ report, figure, onClose }: { report: Report; figure: ReportFigure; onClose: () => void }) {
  const update = useUpdateReport(report);
  const { message } = App.useApp();
  return (
    <FormModal<{ corrected: string; reason: string }>
      title={`更正：${figure.label}`}
      name="correct"
      okText="保存更正"
      onClose={onClose}
      initialValues={{ corrected: figure.corrected ?? figure.computed, reason: figure.reason ?? '' }}
      header={
        <Typography.Paragraph type="secondary">
          系统计算值：{figureText(figure, figure.computed)}（{figure.definition}）
        </Typography.Paragraph>
      }
      onSubmit={async (values) => {
        await update.mutateAsync({ corrections: [{ key: figure.key, corrected: values.corrected.trim(), reason: values.reason }] });
        message.success('已保存更正');
        onClose();
      }}
    >
      <Form.Item
        name="corrected"
        label={`更正值（${figure.unit}）`}
        rules={[
          { required: true, message: '请填写更正值' },
          { pattern: figure.unit === '个' ? /^\d{1,12}(\.0{1,2})?$/ : /^\d{1,12}(\.\d{1,2})?$/, message: figure.unit === '个' ? '个数须为整数' : '最多两位小数' },
        ]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item name="reason" label="更正理由" rules={[{ required: true, message: '更正指标须说明理由' }, { min: 2, message: '至少 2 个字' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

function Figures({ report }: { report: Report }) {
  const phone = useIsPhone();
  const editable = report.actions.includes('edit');
  const [correcting, setCorrecting] = useState<ReportFigure | null>(null);
  const update = useUpdateReport(report);
  const showError = useApiError();
  const withdraw = (f: ReportFigure) =>
    update.mutateAsync({ corrections: [{ key: f.key, corrected: null }] }).catch((err) => showError(err));
  const actions = (f: ReportFigure) =>
    editable ? (
      <Flex gap={4}>
        <Button size="small" onClick={() => setCorrecting(f)} data-testid={`correct-${f.key}`}>
          更正
        </Button>
        {f.corrected !== null && f.corrected !== undefined ? (
          <Button size="small" type="link" onClick={() => void withdraw(f)}>
            撤销更正
          </Button>
        ) : null}
      </Flex>
    ) : null;
  const corrected = (f: ReportFigure) =>
    f.corrected !== null && f.corrected !== undefined ? (
      <Flex vertical gap={0}>
        <Typography.Text strong type="warning" data-testid="figure-corrected">
          {figureText(f, f.corrected)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="figure-reason">
          理由：{f.reason}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary">未更正</Typography.Text>
    );
  return (
    <Card
      title="主要指标"
      size="small"
      data-testid="report-figures"
      extra={<Typography.Text type="secondary">计算于 {formatDateTime(report.computed_at)}</Typography.Text>}
    >
      {phone ? (
        <List
          dataSource={report.figures}
          renderItem={(f) => (
            <List.Item data-testid={`figure-${f.key}`}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" align="baseline">
                  <Typography.Text strong>{f.label}</Typography.Text>
                  <Typography.Text data-testid="figure-computed">{figureText(f, f.computed)}</Typography.Text>
                </Flex>
                {f.corrected !== null && f.corrected !== undefined ? corrected(f) : null}
                {actions(f)}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<ReportFigure>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={report.figures}
          onRow={(f) => ({ 'data-testid': `figure-${f.key}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '指标', dataIndex: 'label', width: 140, render: (label: string, f) => <span title={f.definition}>{label}</span> },
            { title: '系统计算值', key: 'computed', width: 160, render: (_: unknown, f) => <span data-testid="figure-computed">{figureText(f, f.computed)}</span> },
            { title: '更正值与理由', key: 'corrected', render: (_: unknown, f) => corrected(f) },
            ...(editable ? [{ title: '操作', key: 'actions', width: 170, render: (_: unknown, f: ReportFigure) => actions(f) }] : []),
          ]}
        />
      )}
      {correcting ? <CorrectModal report={report} figure={correcting} onClose={() => setCorrecting(null)} /> : null}
    </Card>
  );
}

function Projects({ report }: { report: Report }) {
  const phone = useIsPhone();
  const amount = (p: Project) => (p.signed_amount ? formatWan(p.signed_amount) : '—');
  return (
    <Card title="重大、重点项目情况" size="small" data-testid="report-projects">
      {!report.projects.length ? (
        <Empty description="本单位暂无重大、重点项目" />
      ) : phone ? (
        <List
          dataSource={report.projects}
          renderItem={(p) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  <StageTag stage={p.stage} />
                </Flex>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                  {p.code} · 签约 {amount(p)}
                </Typography.Text>
                {p.progress ? <Typography.Text style={{ fontSize: 13 }}>{p.progress}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<Project>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={report.projects}
          columns={[
            { title: '项目代码', dataIndex: 'code', width: 130, className: 'mono' },
            { title: '项目名称', dataIndex: 'name', render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link> },
            { title: '阶段', dataIndex: 'stage', width: 96, render: (s: string) => <StageTag stage={s} /> },
            { title: '签约金额', key: 'amount', width: 120, render: (_: unknown, p) => amount(p) },
            { title: '进展', dataIndex: 'progress', render: (t: string) => t || '—' },
          ]}
        />
      )}
    </Card>
  );
}

function History({ report }: { report: Report }) {
  const enums = useEnums();
  return (
    <Card title="报送记录" size="small" data-testid="report-history">
      <Timeline
        items={report.events.map((e) => ({
          color: e.to_state === 'returned' ? 'red' : e.to_state === 'accepted' ? 'green' : 'blue',
          content: (
            <Flex vertical gap={0}>
              <Typography.Text>
                {e.actor_name} · {labelOf(enums.data?.report_states, e.to_state)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.occurred_at)}
              </Typography.Text>
              {e.reason ? <Typography.Text type="danger">退回理由：{e.reason}</Typography.Text> : null}
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

function ReturnModal({ report, onClose }: { report: Report; onClose: () => void }) {
  const transition = useTransitionReport(report);
  const { message } = App.useApp();
  return (
    <FormModal<{ reason: string }>
      title="退回报表"
      name="return-report"
      okText="退回"
      okButtonProps={{ danger: true }}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        await transition.mutateAsync({ to_state: 'returned', reason });
        message.success('已退回');
        onClose();
      }}
    >
      <Form.Item name="reason" label="退回理由" rules={[{ required: true, message: '退回须说明理由' }, { min: 2, message: '至少 2 个字' }]}>
        <Input.TextArea rows={4} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

function ReportView({ report }: { report: Report }) {
  const [form] = Form.useForm<Record<NarrativeKey, string>>();
  const update = useUpdateReport(report);
  const refresh = useRefreshReport(report);
  const transition = useTransitionReport(report);
  const { message } = App.useApp();
  const showError = useApiError();
  const [returning, setReturning] = useState(false);
  const editable = report.actions.includes('edit');
  const frozen = report.state === 'accepted';

  const save = async () => {
    const values = await form.validateFields();
    await update.mutateAsync(values);
  };
  const run = (work: () => Promise<unknown>, done: string) => async () => {
    try {
      await work();
      message.success(done);
    } catch (err) {
      showError(err, form);
    }
  };
  const submit = run(async () => {
    if (form.isFieldsTouched()) await save();
    await transition.mutateAsync({ to_state: 'submitted' });
  }, '已报送');

  const actions = (
    <>
      {editable ? (
        <>
          <Button onClick={run(() => refresh.mutateAsync(), '已按最新数据重新计算')} loading={refresh.isPending}>
            重新计算
          </Button>
          <Button onClick={run(save, '已保存')} loading={update.isPending} data-testid="report-save">
            保存
          </Button>
          <Button type="primary" onClick={submit} loading={transition.isPending} data-testid="report-submit">
            {report.state === 'returned' ? '重新提交' : '提交'}
          </Button>
        </>
      ) : null}
      {report.actions.includes('return') ? (
        <Button danger onClick={() => setReturning(true)} data-testid="report-return">
          退回
        </Button>
      ) : null}
      {report.actions.includes('accept') ? (
        <Popconfirm title="通过后报表冻结，不能再修改。确定通过？" okText="通过" onConfirm={run(() => transition.mutateAsync({ to_state: 'accepted' }), '已通过')}>
          <Button type="primary" data-testid="report-accept">
            通过
          </Button>
        </Popconfirm>
      ) : null}
    </>
  );

  return (
    <Flex vertical gap={16}>
      <DetailHeader
        back={{ to: '/reports', label: '月报季报' }}
        code={report.unit.name}
        title={report.period.label}
        crumb={`${report.unit.name} ${report.period.label}`}
        marks={
          <>
            <ReportStateTag state={report.state} />
            <ReportFlags overdue={report.overdue} late={report.late} />
          </>
        }
        actions={report.actions.length ? actions : undefined}
        testIds={{ title: 'report-title', marks: 'report-marks' }}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'span', label: '统计期', children: `${formatDate(report.period.date_from)} 至 ${formatDate(report.period.date_to)}` },
            { key: 'deadline', label: '截止日期', children: formatDate(report.period.deadline) },
            { key: 'submitted', label: '报送时间', children: report.submitted_at ? formatDateTime(report.submitted_at) : '未报送' },
            ...(report.accepted_at ? [{ key: 'accepted', label: '通过时间', children: formatDateTime(report.accepted_at) }] : []),
          ]}
        />
        {report.state === 'returned' && report.return_reason ? (
          <Alert type="error" showIcon data-testid="report-returned" title={`已退回：${report.return_reason}`} style={{ marginTop: 8 }} />
        ) : null}
        {frozen ? (
          <Alert type="success" showIcon data-testid="report-frozen" title="已通过，报表已冻结：指标、项目表和文字内容不再随数据变化，也不能修改" style={{ marginTop: 8 }} />
        ) : null}
        {report.state === 'submitted' ? (
          <Alert type="info" showIcon title="已报送，等待招商统筹审核；指标已固定" style={{ marginTop: 8 }} />
        ) : null}
      </DetailHeader>
      <Figures report={report} />
      <Card title="工作情况" size="small" data-testid="report-narrative">
        {editable ? (
          <Form form={form} layout="vertical" name="report" initialValues={Object.fromEntries(NARRATIVE.map(([k]) => [k, report[k]]))}>
            {NARRATIVE.map(([k, label, hint]) => (
              <Form.Item key={k} name={k} label={label} rules={[{ max: 5000, message: '不超过 5000 字' }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} placeholder={hint} />
              </Form.Item>
            ))}
          </Form>
        ) : (
          <Descriptions
            column={1}
            layout="vertical"
            size="small"
            items={NARRATIVE.map(([k, label]) => ({
              key: k,
              label,
              children: report[k] ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={`narrative-${k}`}>{report[k]}</Typography.Paragraph> : <Typography.Text type="secondary">未填写</Typography.Text>,
            }))}
          />
        )}
      </Card>
      <Projects report={report} />
      <History report={report} />
      {returning ? <ReturnModal report={report} onClose={() => setReturning(false)} /> : null}
    </Flex>
  );
}

/** One unit's 月报/季报: figures (corrected beside computed), the six sections, the projects table,
 * 保存/提交 for the unit, 退回/通过 for the coordinator; frozen once accepted. */
export default function ReportDetailPage() {
  const { reportId = '' } = useParams();
  const report = useReport(reportId);
  return (
    <QueryBoundary
      query={report}
      fallback={<Skeleton active />}
      notFound={{ title: '报表不存在', subTitle: '该报表不存在，或不在您可查看的范围内', backTo: '/reports', backLabel: '返回月报季报' }}
    >
      {(data) => <ReportView key={`${data.id}-${data.state}`} report={data} />}
    </QueryBoundary>
  );
}
