import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { StageTag } from '@/components/stage-tag';
import { formatDateTime, formatWan } from '@/lib/format';
import type { Candidate, ReviewRound } from '../api/reviews';
import { VerdictTag } from './verdict-tag';

const pending = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
const small = { fontSize: 12 } as const;

/** Candidates with each level's outcome: 提名 (一级), 联审 (二级), 常务会议 (三级). */
export function CandidatesTable({ round, onReview }: { round: ReviewRound; onReview: (c: Candidate) => void }) {
  const canReview = round.actions.includes('review');
  const columns: ColumnsType<Candidate> = [
    { title: '序号', key: 'seq', width: 56, align: 'center', render: (_: unknown, __, i) => i + 1 },
    {
      title: '候选项目',
      key: 'project',
      width: 230,
      render: (_: unknown, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Link to={`/projects/${c.project.id}`}>
            <Typography.Text strong>{c.project.name}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={small}>
            <span className="mono">{c.project.code}</span> · {c.project.owner_unit.name}
          </Typography.Text>
          <Flex gap={4} align="center">
            <StageTag stage={c.project.stage} />
            <Typography.Text style={small}>{formatWan(c.project.planned_investment)}</Typography.Text>
          </Flex>
        </Flex>
      ),
    },
    {
      title: '一级：提名',
      key: 'level1',
      width: 260,
      render: (_: unknown, c) => (
        <Flex vertical gap={2} data-testid="level-1">
          <Typography.Text>{c.nominating_unit.name}</Typography.Text>
          <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 3, tooltip: c.reason }}>
            理由：{c.reason}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={small}>
            {c.nominated_by_name} · {formatDateTime(c.nominated_at)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '二级：联审',
      key: 'level2',
      width: 280,
      render: (_: unknown, c) =>
        c.verdict ? (
          <Flex vertical gap={2} align="flex-start" data-testid="level-2">
            <VerdictTag verdict={c.verdict} />
            {c.opinion ? <Typography.Text>意见：{c.opinion}</Typography.Text> : null}
            {c.review_meeting ? (
              <Link to={`/meetings/${c.review_meeting.id}`} style={small}>
                {c.review_meeting.title}
              </Link>
            ) : null}
            <Typography.Text type="secondary" style={small}>
              {c.reviewed_by_name} 记录 · {formatDateTime(c.reviewed_at)}
            </Typography.Text>
          </Flex>
        ) : canReview ? (
          <Button size="small" onClick={() => onReview(c)} data-testid="record-verdict">
            记录联审意见
          </Button>
        ) : (
          pending('待联审')
        ),
    },
    {
      title: '三级：常务会议',
      key: 'level3',
      width: 200,
      render: (_: unknown, c) =>
        c.listed === null || c.listed === undefined ? (
          pending('待确定')
        ) : (
          <Flex vertical gap={2} align="flex-start" data-testid="level-3">
            <Tag color={c.listed ? 'green' : 'default'}>{c.listed ? '列入清单' : '不列入'}</Tag>
            {c.final_opinion ? <Typography.Text type="secondary">{c.final_opinion}</Typography.Text> : null}
          </Flex>
        ),
    },
  ];
  return (
    <Table<Candidate>
      rowKey="id"
      data-testid="candidates-table"
      columns={columns}
      dataSource={round.candidates}
      pagination={false}
      size="middle"
      scroll={{ x: 1040 }}
      locale={{ emptyText: '还没有候选项目' }}
    />
  );
}
