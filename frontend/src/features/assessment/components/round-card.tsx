import { CheckCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Empty, Flex, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { formatDate, formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import {
  useFinalizeRound,
  useOpenRound,
  useRound,
  useScoreItem,
  type Result,
  type ResultItem,
  type Round,
  type RoundSummary,
  type SchemeSummary,
  type UnitGroup,
} from '../api/assessment';
import { GRADE, SheetItems } from './preview-card';

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

function Ranking({ round, office }: { round: Round; office: boolean }) {
  const [scoring, setScoring] = useState<{ result: Result; item: ResultItem } | null>(null);
  const open = round.state === 'open';
  return (
    <>
      <Collapse
        size="small"
        items={round.results.map((result) => ({
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
              action={(item) =>
                office && open && item.by_hand ? (
                  <Button
                    size="small"
                    onClick={() => setScoring({ result, item })}
                    aria-label={`给${result.unit_name}“${item.label}”评分`}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {item.score == null ? '评分' : '修改评分'}
                  </Button>
                ) : null
              }
            />
          ),
        }))}
      />
      {scoring ? (
        <ScoreModal round={round} result={scoring.result} item={scoring.item} onClose={() => setScoring(null)} />
      ) : null}
    </>
  );
}

/** 考核结果: one group's round — opened by the office with a snapshot of the records, hand
 * items scored while open, confirmed by the supervisor; every unit reads it once confirmed. */
export function RoundCard({
  year,
  group,
  rounds,
  schemes,
  office,
  supervisor,
}: {
  year: number;
  group: { key: UnitGroup; label: string };
  rounds: RoundSummary[];
  schemes: SchemeSummary[];
  office: boolean;
  supervisor: boolean;
}) {
  const summary = rounds.find((r) => r.unit_group === group.key);
  const scheme = schemes.find((s) => s.unit_group === group.key && s.is_current);
  const round = useRound(summary?.id);
  const opener = useOpenRound();
  const finalize = useFinalizeRound();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const onOpen = () =>
    scheme &&
    modal.confirm({
      title: `开启${year}年度${group.label}考核？`,
      content: '将按现行考核方案和今天的数据为各单位生成考核结果快照，此后数据变化不再影响本次考核；人工评分项随后逐项评分。',
      okText: '开启',
      cancelText: '取消',
      onOk: async () => {
        try {
          await opener.mutateAsync(scheme.id);
          message.success('已开启考核，请完成人工评分');
        } catch (err) {
          showError(err);
        }
      },
    });
  const onFinalize = (r: Round) =>
    modal.confirm({
      title: '确认考核结果？',
      content: '确认后考核结果不能再修改，各单位可查看本单位和全部排名。',
      okText: '确认结果',
      cancelText: '取消',
      onOk: async () => {
        try {
          await finalize.mutateAsync(r);
          message.success('考核结果已确认');
        } catch (err) {
          showError(err);
        }
      },
    });
  const data = round.data;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`round-${group.key}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{group.label}考核结果</span>
          {summary ? (
            <Tag color={summary.state === 'final' ? 'green' : 'gold'}>{summary.state === 'final' ? '已确认' : '评分中'}</Tag>
          ) : null}
        </Flex>
      }
      extra={
        data && supervisor && data.state === 'open' ? (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => onFinalize(data)} data-testid="round-finalize">
            确认结果
          </Button>
        ) : null
      }
    >
      {!summary ? (
        <Empty description={office ? `${year}年度${group.label}考核尚未开启` : '考核结果尚未确认'}>
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
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                按 {formatDate(r.as_of)} 的数据生成
                {r.finalized_at ? `，${formatDateTime(r.finalized_at)} 确认` : '；人工评分项评分前按 0 分计'}
              </Typography.Text>
              <Ranking round={r} office={office} />
            </Flex>
          )}
        </QueryBoundary>
      )}
    </Card>
  );
}
