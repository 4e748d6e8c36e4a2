import { CalculatorOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { useApiError } from '@/lib/use-api-error';
import {
  useAdjustAwards,
  useAnswerNomination,
  useAwards,
  useGenerateAwards,
  useNominate,
  useNominations,
  type Award,
  type Awards,
  type Nomination,
  type Round,
} from '../api/assessment';
import { GRADE } from './preview-card';

const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;

const NOMINATION_STATE: Record<Nomination['state'], { label: string; color: string }> = {
  pending: { label: '待审核', color: 'orange' },
  approved: { label: '已同意', color: 'green' },
  rejected: { label: '未同意', color: 'red' },
};

function NominateModal({ round, unitId, onClose }: { round: Round; unitId: string; onClose: () => void }) {
  const nominate = useNominate(round.id);
  const { message } = App.useApp();
  return (
    <FormModal<{ person_name: string; position: string; deeds: string }>
      title="提名先进个人"
      okText="提交提名"
      name="nomination"
      onClose={onClose}
      onSubmit={async (v) => {
        await nominate.mutateAsync({ unitId, body: v });
        message.success(`已提名${v.person_name}`);
        onClose();
      }}
    >
      <Form.Item name="person_name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="position" label="单位职务" rules={[{ required: true, whitespace: true, message: '请填写单位职务' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="deeds" label="主要事迹" rules={[{ required: true, whitespace: true, message: '请填写主要事迹' }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function AdjustModal({ roundId, awards, onClose }: { roundId: string; awards: Awards; onClose: () => void }) {
  const adjust = useAdjustAwards(roundId);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amounts: Record<string, number>; reason: string }>();
  const amounts = Form.useWatch('amounts', form) ?? {};
  const total = awards.items.reduce((n, a) => n + (Number(amounts[a.id] ?? a.amount) || 0), 0);
  return (
    <FormModal<{ amounts: Record<string, number>; reason: string }>
      title="调整奖励分配"
      okText="保存调整"
      name="awards-adjust"
      form={form}
      onClose={onClose}
      initialValues={{ amounts: Object.fromEntries(awards.items.map((a) => [a.id, a.amount])), reason: '' }}
      header={
        <Typography.Paragraph type={total === awards.paid ? 'secondary' : 'warning'} data-testid="awards-adjust-total">
          调整后合计 {yuan(total)}
          {total === awards.paid ? '' : `，须保持 ${yuan(awards.paid)}`}
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        const changes = awards.items
          .filter((a) => v.amounts[a.id] !== a.amount)
          .map((a) => ({ award_id: a.id, amount: v.amounts[a.id] }));
        if (!changes.length) {
          onClose();
          return;
        }
        await adjust.mutateAsync({ changes, reason: v.reason });
        message.success('奖励分配已调整');
        onClose();
      }}
    >
      {awards.items.map((a) => (
        <Form.Item key={a.id} name={['amounts', a.id]} label={`${awardName(a)}（元）`} style={{ marginBottom: 8 }}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ))}
      <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

const awardName = (a: Award) => (a.kind === 'unit' ? a.unit_name : `${a.person_name}（${a.unit_name}）`);

function AwardList({ awards }: { awards: Awards }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="awards-summary">
        经费 {yuan(awards.fund)}：单位奖励 {yuan(awards.unit_pool)}，先进个人 {yuan(awards.individual_pool)}；发放合计{' '}
        {yuan(awards.paid)}
      </Typography.Text>
      <List<Award>
        size="small"
        dataSource={awards.items}
        rowKey="id"
        renderItem={(a) => (
          <List.Item data-testid="award-row">
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" gap={8} wrap>
                <span>
                  {awardName(a)}{' '}
                  {a.grade ? <Tag color={GRADE[a.grade].color}>{GRADE[a.grade].label}</Tag> : <Tag>先进个人</Tag>}
                  {a.total != null ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {Number(a.total)} 分
                    </Typography.Text>
                  ) : null}
                </span>
                <Typography.Text strong>{yuan(a.amount)}</Typography.Text>
              </Flex>
              {a.amount !== a.computed ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  按规则 {yuan(a.computed)}；调整理由：{a.note}
                </Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** 奖励经费: units' nominees for 先进个人 (the office approves or not) and the round's split of
 * the scheme's fund — generated by the office on the publicised scores, adjusted with a reason,
 * frozen with the results and read by everyone once confirmed. */
export function RewardCard({ round, office, ownUnit }: { round: Round; office: boolean; ownUnit?: string }) {
  const nominations = useNominations(round.id);
  const showAwards = office ? round.state !== 'open' : round.state === 'final';
  const awards = useAwards(round.id, showAwards);
  const generate = useGenerateAwards(round.id);
  const answer = useAnswerNomination(round.id);
  const [dialog, setDialog] = useState<'nominate' | 'adjust' | null>(null);
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const open = round.state !== 'final';
  const onAnswer = (n: Nomination, to: 'approved' | 'rejected') => {
    const fallback = to === 'approved' ? '同意推荐' : '不符合推荐条件';
    let opinion = fallback;
    modal.confirm({
      title: `${to === 'approved' ? '同意' : '不同意'}提名${n.person_name}？`,
      content: (
        <Input.TextArea
          aria-label="审核意见"
          defaultValue={opinion}
          onChange={(e) => {
            opinion = e.target.value;
          }}
          rows={2}
          maxLength={500}
        />
      ),
      okText: to === 'approved' ? '同意' : '不同意',
      cancelText: '取消',
      onOk: async () => {
        try {
          await answer.mutateAsync({ nomination: n, to, answer: opinion.trim() || fallback });
          message.success('已审核');
        } catch (err) {
          showError(err);
        }
      },
    });
  };
  const onGenerate = async () => {
    try {
      await generate.mutateAsync();
      message.success('已生成奖励分配');
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card size="small" title="奖励经费" data-testid="reward-card">
      <Flex vertical gap={12}>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>先进个人提名</Typography.Text>
            {ownUnit && open ? (
              <Button size="small" icon={<UserAddOutlined />} onClick={() => setDialog('nominate')} data-testid="nominate">
                提名先进个人
              </Button>
            ) : null}
          </Flex>
          <QueryBoundary query={nominations}>
            {(list) =>
              list.length ? (
                <List<Nomination>
                  size="small"
                  dataSource={list}
                  rowKey="id"
                  renderItem={(n) => (
                    <List.Item data-testid="nomination-row">
                      <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                        <span>
                          {n.person_name}（{n.unit_name}，{n.position}）{' '}
                          <Tag color={NOMINATION_STATE[n.state].color}>{NOMINATION_STATE[n.state].label}</Tag>
                        </span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {n.deeds}
                          {n.answer ? `；审核意见：${n.answer}` : ''}
                        </Typography.Text>
                        {office && open && n.state === 'pending' ? (
                          <Flex gap={8}>
                            <Button size="small" type="primary" onClick={() => onAnswer(n, 'approved')} aria-label={`同意提名${n.person_name}`}>
                              同意
                            </Button>
                            <Button size="small" onClick={() => onAnswer(n, 'rejected')} aria-label={`不同意提名${n.person_name}`}>
                              不同意
                            </Button>
                          </Flex>
                        ) : null}
                      </Flex>
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  暂无提名
                </Typography.Text>
              )
            }
          </QueryBoundary>
        </Flex>
        {showAwards ? (
          <Flex vertical gap={4}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong>奖励分配</Typography.Text>
              {office && round.state === 'objection' ? (
                <Flex gap={8} wrap>
                  <Button size="small" icon={<CalculatorOutlined />} onClick={onGenerate} loading={generate.isPending} data-testid="awards-generate">
                    {awards.data?.items.length ? '重新生成' : '生成奖励分配'}
                  </Button>
                  {awards.data?.items.length ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('adjust')} data-testid="awards-adjust">
                      调整
                    </Button>
                  ) : null}
                </Flex>
              ) : null}
            </Flex>
            <QueryBoundary query={awards}>
              {(a) =>
                a.items.length ? (
                  <AwardList awards={a} />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description="尚未生成奖励分配：申诉和提名全部答复后，按考核方案的规则生成；得分或提名变化后须重新生成"
                  />
                )
              }
            </QueryBoundary>
          </Flex>
        ) : null}
      </Flex>
      {dialog === 'nominate' && ownUnit ? <NominateModal round={round} unitId={ownUnit} onClose={() => setDialog(null)} /> : null}
      {dialog === 'adjust' && awards.data ? (
        <AdjustModal roundId={round.id} awards={awards.data} onClose={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}
