import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryBoundary } from '@/components/query-boundary';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { labelOf, useEnums } from '@/lib/api/meta';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime, formatWan } from '@/lib/format';
import { ROUND_STATE_COLORS } from '@/lib/meetings';
import { useReviewRound, useReviewRounds, type Candidate, type ReviewRound } from '../api/reviews';
import { currentLevel, decideBlocker } from '../lib/levels';
import { CandidatesTable } from './candidates-table';
import { FinalListModal } from './final-list-modal';
import { CreateRoundModal, NominateModal, VerdictModal } from './review-modals';

function FinalList({ round }: { round: ReviewRound }) {
  const listed = round.candidates.filter((c) => c.listed);
  return (
    <Card
      title={`${round.year} 年度重大项目清单`}
      data-testid="major-list"
      extra={<Tag color="green">共 {listed.length} 个项目</Tag>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'meeting',
            label: '决定会议',
            children: round.decision_meeting ? (
              <Link to={`/meetings/${round.decision_meeting.id}`} data-testid="decision-meeting">
                {round.decision_meeting.title}（{formatDate(round.decision_meeting.starts_at)}）
              </Link>
            ) : (
              '—'
            ),
          },
          { key: 'by', label: '记录人', children: round.decided_by_name ?? '—' },
          { key: 'at', label: '记录时间', children: formatDateTime(round.decided_at) },
        ]}
      />
      <Table<Candidate>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={listed}
        locale={{ emptyText: '清单中没有项目' }}
        columns={[
          { title: '序号', key: 'i', width: 56, align: 'center', render: (_: unknown, __, i) => i + 1 },
          { title: '项目代码', key: 'code', width: 130, render: (_: unknown, c) => <span className="mono">{c.project.code}</span> },
          {
            title: '项目名称',
            key: 'name',
            render: (_: unknown, c) => <Link to={`/projects/${c.project.id}`}>{c.project.name}</Link>,
          },
          { title: '责任单位', key: 'unit', width: 150, render: (_: unknown, c) => c.project.owner_unit.name },
          {
            title: '计划总投资',
            key: 'inv',
            width: 130,
            align: 'right',
            render: (_: unknown, c) => formatWan(c.project.planned_investment),
          },
          { title: '常务会议意见', key: 'opinion', render: (_: unknown, c) => c.final_opinion ?? '—' },
        ]}
      />
    </Card>
  );
}

function RoundPanel({ roundId }: { roundId: string }) {
  const me = useMe();
  const enums = useEnums();
  const query = useReviewRound(roundId);
  const [nominating, setNominating] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [reviewing, setReviewing] = useState<Candidate | null>(null);

  return (
    <QueryBoundary query={query} fallback={<Skeleton active />}>
      {(round) => {
        const blocker = decideBlocker(round);
        const canDecide = hasPermission(me, 'reviews:decide');
        const level = currentLevel(round);

        return (
          <Flex vertical gap={16}>
            <Card
              title={
                <Space size={8}>
                  <span data-testid="round-title">{round.title}</span>
                  <Tag color={ROUND_STATE_COLORS[round.state]} data-testid="round-state">
                    {labelOf(enums.data?.review_round_states, round.state)}
                  </Tag>
                </Space>
              }
              extra={
                <Flex gap={8} align="center">
                  {round.actions.includes('nominate') ? (
                    <Button icon={<PlusOutlined />} onClick={() => setNominating(true)}>
                      提名候选项目
                    </Button>
                  ) : null}
                  {round.actions.includes('decide') ? (
                    <Button type="primary" onClick={() => setDeciding(true)}>
                      确定清单
                    </Button>
                  ) : canDecide && round.state !== 'decided' && blocker ? (
                    <Typography.Text type="secondary" data-testid="decide-hint">
                      {blocker}，联审完成后可确定清单
                    </Typography.Text>
                  ) : null}
                </Flex>
              }
            >
              <Steps
                current={level}
                size="small"
                style={{ marginBottom: 16 }}
                data-testid="round-steps"
                items={[
                  { title: '一级：提名', content: `发改委、商务局提名 ${round.candidate_count} 个` },
                  { title: '二级：联审', content: `联审会已审 ${round.reviewed_count}/${round.candidate_count} 个` },
                  {
                    title: '三级：常务会议',
                    content: round.state === 'decided' ? `列入清单 ${round.listed_count} 个` : '确定年度重大项目清单',
                  },
                ]}
              />
              <CandidatesTable round={round} onReview={setReviewing} />
            </Card>
            {round.state === 'decided' ? <FinalList round={round} /> : null}
            {nominating ? <NominateModal round={round} onClose={() => setNominating(false)} /> : null}
            {reviewing ? <VerdictModal round={round} candidate={reviewing} onClose={() => setReviewing(null)} /> : null}
            {deciding ? <FinalListModal round={round} onClose={() => setDeciding(false)} /> : null}
          </Flex>
        );
      }}
    </QueryBoundary>
  );
}

/** 三级联审: a round a year, from nomination to the year's major-project list. */
export default function ReviewsPage() {
  const me = useMe();
  const rounds = useReviewRounds();
  const [selected, setSelected] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const current = selected ?? rounds.data?.[0]?.id;

  return (
    <>
      <PageHeader
        title="三级联审"
        subtitle="年度重大项目清单：发改委、商务局提名（一级）→ 联审会审核（二级）→ 市政府常务会议确定（三级）"
        extra={
          hasPermission(me, 'meetings:write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起年度联审
            </Button>
          ) : null
        }
      />
      {rounds.error ? <QueryError error={rounds.error} onRetry={() => rounds.refetch()} /> : null}
      {rounds.isLoading ? <Skeleton active /> : null}
      {rounds.data && !rounds.data.length ? (
        <Card>
          <Empty description="还没有发起年度联审" />
        </Card>
      ) : null}
      {rounds.data?.length ? (
        <>
          <Tabs
            activeKey={current}
            onChange={setSelected}
            data-testid="round-tabs"
            items={rounds.data.map((r) => ({ key: r.id, label: `${r.year} 年度` }))}
          />
          {current ? <RoundPanel key={current} roundId={current} /> : null}
        </>
      ) : null}
      {creating ? (
        <CreateRoundModal
          existingYears={(rounds.data ?? []).map((r) => r.year)}
          onClose={() => setCreating(false)}
          onCreated={(r) => setSelected(r.id)}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16 }}>
        列入清单的项目在项目库中标为“年度重大项目”，可按年度筛选。
      </Typography.Text>
    </>
  );
}
