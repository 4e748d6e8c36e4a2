import { Empty, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface ListCardProps {
  /** Where tapping the card goes: the record's detail page. Without one (a record edited in
   * place, as on the admin pages) the card is no link and carries its `actions`. */
  to?: string;
  /** The record's code (XT-2026-0009, SX-2026-00013 …), small above the title. */
  code?: ReactNode;
  title: ReactNode;
  /** Stage or state tag, beside the code. */
  status?: ReactNode;
  /** The two or three facts that matter on a phone: 责任单位, 时限 … */
  facts?: { label: string; value: ReactNode }[];
  /** Overdue, due-soon, 重大 … marks under the title. */
  marks?: ReactNode;
  /** Tints the card like the desktop table tints the row. */
  tone?: 'overdue' | 'due_soon';
  /** Buttons under the facts (编辑, 停用 …), for a card without `to`. */
  actions?: ReactNode;
  /** Dims the card of a deactivated record. */
  muted?: boolean;
}

/** One record of a list on a phone: the whole card is the link (a 44 px+ tap target), or,
 * without `to`, a panel with its own action buttons. */
export function ListCard({ to, code, title, status, facts, marks, tone, actions, muted }: ListCardProps) {
  const className = `list-card${tone ? ` list-card-${tone}` : ''}${muted ? ' list-card-muted' : ''}`;
  const body = (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        {code ? (
          <Typography.Text type="secondary" className="mono">
            {code}
          </Typography.Text>
        ) : (
          <span />
        )}
        {status ? <span style={{ flex: 'none' }}>{status}</span> : null}
      </Flex>
      <Typography.Text strong className="list-card-title">
        {title}
      </Typography.Text>
      {marks ? <div>{marks}</div> : null}
      {facts?.length ? (
        <dl className="list-card-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
  if (!to) {
    return (
      <div className={className} data-testid="list-card">
        {body}
        {actions ? (
          <Flex wrap gap={4} className="list-card-actions">
            {actions}
          </Flex>
        ) : null}
      </div>
    );
  }
  return (
    <Link to={to} className={className} data-testid="list-card">
      {body}
    </Link>
  );
}

interface ListCardsProps<T> {
  items: T[];
  loading: boolean;
  card: (item: T) => ListCardProps;
  testId?: string;
  emptyText?: ReactNode;
  rowKey?: (item: T) => string;
}

/** A list as cards (the phone's form of a table): a skeleton while loading, empty text when none. */
export function ListCards<T extends object>({ items, loading, card, testId, emptyText, rowKey }: ListCardsProps<T>) {
  const keyOf = rowKey ?? ((item: T) => String((item as { id?: unknown }).id));
  if (loading && !items.length) return <Skeleton active data-testid={testId} />;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? '暂无数据'} data-testid={testId} />;
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {items.map((item) => (
        <ListCard key={keyOf(item)} {...card(item)} />
      ))}
    </Flex>
  );
}
