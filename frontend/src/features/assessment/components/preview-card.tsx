import { Card, Collapse, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryBoundary } from '@/components/query-boundary';
import { formatDate } from '@/lib/format';
import { figureLink } from '@/features/dashboard/lib/figure-link';
import type { ReactNode } from 'react';
import { usePreview, type PreviewRow, type SchemeSummary, type UnitGroup } from '../api/assessment';
import { KIND_LABEL } from './scheme-card';

export const GRADE: Record<PreviewRow['grade'], { label: string; color: string }> = {
  excellent: { label: '优秀', color: 'green' },
  good: { label: '良好', color: 'blue' },
  pass: { label: '合格', color: 'default' },
  fail: { label: '不合格', color: 'red' },
};

type SheetItem = PreviewRow['items'][number] & { note?: string; scored_by?: string | null };

/** One unit's sheet: each item's value (linked to its records), points, and the records that
 * cost points; `action` adds a control to an item (the office's 评分 on a hand-scored one). */
export function SheetItems<T extends SheetItem>({ items, action }: { items: T[]; action?: (item: T) => ReactNode }) {
  return (
    <List<T>
      size="small"
      dataSource={items}
      rowKey="item_id"
      renderItem={(item) => {
        const link = figureLink(item.list_query);
        const deduction = item.kind === 'deduction';
        return (
          <List.Item data-testid="preview-item">
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text>
                  {item.label}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {KIND_LABEL[item.kind]}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text strong type={deduction && item.score && Number(item.score) > 0 ? 'danger' : undefined}>
                  {item.score == null ? '待评分' : `${deduction && Number(item.score) > 0 ? '−' : ''}${Number(item.score)} 分`}
                </Typography.Text>
              </Flex>
              {/* A hand item, once scored, is told by its note rather than "待评分". */}
              {item.by_hand && item.score != null ? null : (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {link ? <Link to={link}>{item.display}</Link> : item.display}
                </Typography.Text>
              )}
              {item.note ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  评分说明：{item.note}
                  {item.scored_by ? `（${item.scored_by}）` : ''}
                </Typography.Text>
              ) : null}
              {action ? action(item) : null}
              {item.codes.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                  {deduction ? '扣分事项' : '未达标'}：{item.codes.slice(0, 20).join('、')}
                  {item.codes.length > 20 ? ` 等 ${item.codes.length} 项` : ''}
                </Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

/** 得分预览: one group's scheme scored on today's records — the ranking, and for each unit every
 * item's value, points and the records behind them. Hand-scored items count 0 until scored. */
export function PreviewCard({
  group,
  schemes,
}: {
  group: { key: UnitGroup; label: string };
  schemes: SchemeSummary[];
}) {
  const mine = schemes.filter((s) => s.unit_group === group.key);
  const scheme = mine.find((s) => s.is_current) ?? mine.find((s) => s.state === 'draft');
  const preview = usePreview(scheme?.id);
  return (
    <Card size="small" title={`${group.label}得分预览`} style={{ marginBottom: 16 }} data-testid={`preview-${group.key}`}>
      {!scheme ? (
        <Empty description="尚无考核方案" />
      ) : (
        <QueryBoundary query={preview}>
          {(p) => (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                按{scheme.state === 'draft' ? '草稿' : '现行'}方案（第 {scheme.revision} 版）和截至 {formatDate(p.as_of)}{' '}
                的数据计算；人工评分、加分和人工扣分项评分前按 0 分计。
              </Typography.Text>
              <Collapse
                size="small"
                items={p.rows.map((row) => ({
                  key: row.unit_id,
                  label: (
                    <Flex justify="space-between" gap={8} wrap data-testid="preview-row">
                      <span>
                        <Typography.Text type="secondary">第 {row.rank} 名</Typography.Text> {row.unit_name}
                      </span>
                      <span>
                        <Typography.Text strong>{Number(row.total)} 分</Typography.Text>{' '}
                        <Tag color={GRADE[row.grade].color}>{GRADE[row.grade].label}</Tag>
                      </span>
                    </Flex>
                  ),
                  children: <SheetItems items={row.items} />,
                }))}
              />
            </Flex>
          )}
        </QueryBoundary>
      )}
    </Card>
  );
}
