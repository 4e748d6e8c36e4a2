import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popover, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Figure } from '../api/stats';
import { figureLink } from '../lib/figure-link';

/** 口径: what a figure counts, shown from the ⓘ beside its title (tap on a phone). */
export function Definition({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Popover
      title={`${title}：口径`}
      content={<div style={{ maxWidth: 300, lineHeight: 1.7 }}>{children}</div>}
      trigger={['hover', 'click']}
    >
      <Button type="text" size="small" icon={<InfoCircleOutlined />} aria-label={`${title}的口径`} className="figure-definition" data-testid="figure-definition" />
    </Popover>
  );
}

/** A number that opens the list producing it (the list's 共 N 条 is the number). */
export function FigureLink({
  figure,
  children,
  title,
  testId,
  className = 'figure-link',
}: {
  figure: Figure | undefined;
  children: ReactNode;
  title?: string;
  testId?: string;
  className?: string;
}) {
  const link = figureLink(figure?.list_query);
  if (!link) return <span data-testid={testId}>{children}</span>;
  return (
    <Link to={link} title={title} data-testid={testId} data-count={figure?.count} className={className}>
      {children}
    </Link>
  );
}

interface FigureCardProps {
  title: string;
  figure: Figure | undefined;
  /** The big number and its unit: 97 个, 565.12 亿元. */
  value: ReactNode;
  unit: string;
  /** Hover text of the number (the exact 万元 of an amount). */
  exact?: string;
  definition: ReactNode;
  /** 年初至今 against 上年同期, under the number. */
  footer?: ReactNode;
  testId: string;
}

export function FigureCard({ title, figure, value, unit, exact, definition, footer, testId }: FigureCardProps) {
  return (
    <Card size="small" data-testid={testId} styles={{ body: { padding: '10px 12px' } }} style={{ height: '100%' }}>
      <Flex justify="space-between" align="center" gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {title}
        </Typography.Text>
        <Definition title={title}>{definition}</Definition>
      </Flex>
      <FigureLink figure={figure} title={exact} testId="figure-value">
        <span className="figure-number">{value}</span>
        <span className="figure-unit">{unit}</span>
      </FigureLink>
      {footer ? <div className="figure-footer">{footer}</div> : null}
    </Card>
  );
}
