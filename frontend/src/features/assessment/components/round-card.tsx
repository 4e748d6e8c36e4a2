import { CheckCircleOutlined, NotificationOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Empty, Flex, Form, Input, InputNumber, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DownloadButton } from '@/components/download-button';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import {
  useMoveRound,
  useOpenRound,
  useRound,
  useScoreItem,
  type Objection,
  type Result,
  type ResultItem,
  type Round,
  type RoundSummary,
  type SchemeSummary,
  type UnitGroup,
} from '../api/assessment';
import { GRADE, SheetItems } from './preview-card';
import { RewardCard } from './reward-card';
import { AnswerModal, ItemNotes, ObjectionModal, SelfReportModal } from './round-notes';

function ScoreModal({
  round,
  result,
  item,
  onClose,
}: {
  round: Round;
  result: Result;
  item: ResultItem;
  onClose: () => void;
}) {
  const score = useScoreItem();
  const { message } = App.useApp();
  const weight = Number(item.weight);
  return (
    <FormModal<{ score: number; note: string }>
      title={`${result.unit_name}：${item.label}`}
      okText="保存"
      name="hand-score"
      onClose={onClose}
      initialValues={{ score: item.score == null ? undefined : Number(item.score), note: item.note ?? '' }}
      onSubmit={async (v) => {
        await score.mutateAsync({
          roundId: round.id,
          result,
          itemId: item.item_id,
          body: { score: v.score.toFixed(2), note: v.note },
        });
        message.success(`已评分：${result.unit_name}“${item.label}”`);
        onClose();
      }}
    >
      <Form.Item
        name="score"
        label={item.kind === 'deduction' ? `扣分（最多 ${weight} 分）` : `得分（最多 ${weight} 分）`}
        rules={[{ required: true, message: '请填写分数' }]}
      >
        <InputNumber min={0} max={weight} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="评分说明" rules={[{ required: true, whitespace: true, message: '请填写评分说明' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

type Dialog =
  | { kind: 'score' | 'self-report' | 'objection'; result: Result; item: ResultItem }
  | { kind: 'answer'; objection: Objection; item?: ResultItem };

const ROUND_STATE: Record<Round['state'], { label: string; color: string }> = {
  open: { label: '评分中', color: 'gold' },
  objection: { label: '公示申诉', color: 'orange' },
  final: { label: '已确认', color: 'green' },
};

function Ranking({ round, office, unitId }: { round: Round; office: boolean; unitId?: string }) {
  // `unitId` is given for a unit's officer only: the one who self-reports and objects.
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const open = round.state === 'open';
  // The last day to object counts whole (Beijing time, the server's business day).
  const objecting = round.state === 'objection' && !!round.objection_due && today() <= round.objection_due;
  const pending = office ? round.results.flatMap((r) => r.objections.filter((o) => o.state === 'pending')) : [];
  const itemOf = (o: Objection) =>
    round.results.find((r) => r.unit_id === o.unit_id)?.items.find((i) => i.item_id === o.item_id);
  return (
    <>
      {pending.length ? (
        <Card size="small" title={`待答复的申诉（${pending.length}）`} data-testid="objection-queue" style={{ marginBottom: 8 }}>
          <List<Objection>
            size="small"
            dataSource={pending}
            rowKey="id"
            renderItem={(o) => (
              <List.Item data-testid="objection-row">
                <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                  <Typography.Text strong>
                    {o.unit_name}“{o.item_label}”
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {o.reason}（{o.raiser_name}，{formatDateTime(o.created_at)}）
                  </Typography.Text>
                  <Button
                    size="small"
                    type="primary"
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() => setDialog({ kind: 'answer', objection: o, item: itemOf(o) })}
                    aria-label={`答复${o.unit_name}“${o.item_label}”的申诉`}
                  >
                    答复
                  </Button>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Collapse
        size="small"
        // A unit sees its own sheet only until the results are confirmed: open it.
        defaultActiveKey={round.results.length === 1 ? [round.results[0].unit_id] : undefined}
        items={round.results.map((result) => {
          const own = result.unit_id === unitId;
          return {
            key: result.unit_id,
            label: (
              <Flex justify="space-between" gap={8} wrap data-testid="round-row">
                <span>
                  <Typography.Text type="secondary">第 {result.rank} 名</Typography.Text> {result.unit_name}
                </span>
                <span>
                  <Typography.Text strong>{Number(result.total)} 分</Typography.Text>{' '}
                  <Tag color={GRADE[result.grade].color}>{GRADE[result.grade].label}</Tag>
                </span>
              </Flex>
            ),
            children: (
              <SheetItems
                items={result.items}
                action={(item) => {
                  const report = result.self_reports.find((r) => r.item_id === item.item_id);
                  const objection = result.objections.find((o) => o.item_id === item.item_id);
                  const name = `${result.unit_name}“${item.label}”`;
                  const buttons = [
                    office && open && item.by_hand ? (
                      <Button key="score" size="small" onClick={() => setDialog({ kind: 'score', result, item })} aria-label={`给${name}评分`}>
                        {item.score == null ? '评分' : '修改评分'}
                      </Button>
                    ) : null,
                    own && open && item.by_hand ? (
                      <Button key="self" size="small" onClick={() => setDialog({ kind: 'self-report', result, item })} aria-label={`“${item.label}”自评`}>
                        {report ? '修改自评' : '自评'}
                      </Button>
                    ) : null,
                    own && objecting && !objection ? (
                      <Button key="object" size="small" onClick={() => setDialog({ kind: 'objection', result, item })} aria-label={`对“${item.label}”申诉`}>
                        申诉
                      </Button>
                    ) : null,
                  ].filter(Boolean);
                  return (
                    <>
                      <ItemNotes report={report} objection={objection} />
                      {buttons.length ? (
                        <Flex gap={8} wrap>
                          {buttons}
                        </Flex>
                      ) : null}
                    </>
                  );
                }}
              />
            ),
          };
        })}
      />
      {dialog?.kind === 'score' ? (
        <ScoreModal round={round} result={dialog.result} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'self-report' ? (
        <SelfReportModal
          round={round}
          result={dialog.result}
          item={dialog.item}
          report={dialog.result.self_reports.find((r) => r.item_id === dialog.item.item_id)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'objection' ? (
        <ObjectionModal round={round} result={dialog.result} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'answer' ? (
        <AnswerModal objection={dialog.objection} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/** Today in Beijing as YYYY-MM-DD, the day the server counts the objection window in. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** 考核结果: one group's round — opened by the office with a snapshot of the records; units
 * self-report on hand items and the office scores them; 公示, when each unit may object item by
 * item and the office answers; confirmed by the supervisor after the window. A unit reads its
 * own sheet throughout, every sheet once confirmed. */
export function RoundCard({
  year,
  group,
  rounds,
  schemes,
  office,
  supervisor,
  unitId,
  officer,
}: {
  year: number;
  group: { key: UnitGroup; label: string };
  rounds: RoundSummary[];
  schemes: SchemeSummary[];
  office: boolean;
  supervisor: boolean;
  unitId?: string;
  /** The caller is a unit's officer (who self-reports, objects and nominates for it). */
  officer: boolean;
}) {
  const summary = rounds.find((r) => r.unit_group === group.key);
  const scheme = schemes.find((s) => s.unit_group === group.key && s.is_current);
  const round = useRound(summary?.id);
  const opener = useOpenRound();
  const move = useMoveRound();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const onOpen = () =>
    scheme &&
    modal.confirm({
      title: `开启${year}年度${group.label}考核？`,
      content: '将按现行考核方案和今天的数据为各单位生成考核结果快照，此后数据变化不再影响本次考核；各单位随后对人工评分项自评，考核办逐项评分。',
      okText: '开启',
      cancelText: '取消',
      onOk: async () => {
        try {
          await opener.mutateAsync(scheme.id);
          message.success('已开启考核，已通知各单位自评');
        } catch (err) {
          showError(err);
        }
      },
    });
  const onMove = (r: Round, to: 'objection' | 'final') =>
    modal.confirm({
      title: to === 'objection' ? '公示考核结果？' : '确认考核结果？',
      content:
        to === 'objection'
          ? '公示后各单位可查看本单位得分，并在申诉期内逐项申诉；此后得分只能通过答复申诉调整。'
          : '确认后考核结果不能再修改，各单位可查看本单位和全部排名。',
      okText: to === 'objection' ? '公示' : '确认结果',
      cancelText: '取消',
      onOk: async () => {
        try {
          await move.mutateAsync({ round: r, to });
          message.success(to === 'objection' ? '考核结果已公示，已通知各单位' : '考核结果已确认');
        } catch (err) {
          showError(err);
        }
      },
    });
  const data = round.data;
  const state = summary ? ROUND_STATE[summary.state] : null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`round-${group.key}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{group.label}考核结果</span>
          {state ? <Tag color={state.color}>{state.label}</Tag> : null}
        </Flex>
      }
      extra={
        data && office && data.state === 'open' ? (
          <Button type="primary" icon={<NotificationOutlined />} onClick={() => onMove(data, 'objection')} data-testid="round-publicize">
            公示结果
          </Button>
        ) : data && supervisor && data.state === 'objection' ? (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => onMove(data, 'final')} data-testid="round-finalize">
            确认结果
          </Button>
        ) : null
      }
    >
      {!summary ? (
        <Empty description={office ? `${year}年度${group.label}考核尚未开启` : '考核尚未开启'}>
          {office && scheme ? (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={onOpen} data-testid="round-open">
              开启考核
            </Button>
          ) : null}
        </Empty>
      ) : (
        <QueryBoundary query={round}>
          {(r) => (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="round-status">
                按 {formatDate(r.as_of)} 的数据生成
                {r.state === 'open' ? '；人工评分项评分前按 0 分计，各单位可先自评' : ''}
                {r.state === 'objection' && r.objection_due ? `；已公示，申诉截止 ${formatDate(r.objection_due)}` : ''}
                {r.finalized_at ? `，${formatDateTime(r.finalized_at)} 确认` : ''}
              </Typography.Text>
              {office || r.state === 'final' ? (
                <Flex gap={8} wrap data-testid="round-downloads">
                  {r.state === 'final' ? (
                    <DownloadButton
                      path={`/api/v1/assessment/rounds/${r.id}/docx`}
                      fallback={`${r.year}年度${group.label}考核结果通报.docx`}
                      label="下载考核结果通报（Word）"
                    >
                      考核通报（Word）
                    </DownloadButton>
                  ) : null}
                  <DownloadButton
                    path={`/api/v1/assessment/rounds/${r.id}/xlsx`}
                    fallback={`${r.year}年度${group.label}考核得分.xlsx`}
                    label="导出考核得分（Excel）"
                  >
                    考核得分（Excel）
                  </DownloadButton>
                </Flex>
              ) : null}
              <Ranking round={r} office={office} unitId={officer ? unitId : undefined} />
              {office || r.state === 'final' || r.results.some((x) => x.unit_id === unitId) ? (
                <RewardCard
                  round={r}
                  office={office}
                  ownUnit={officer && r.results.some((x) => x.unit_id === unitId) ? unitId : undefined}
                />
              ) : null}
            </Flex>
          )}
        </QueryBoundary>
      )}
    </Card>
  );
}
