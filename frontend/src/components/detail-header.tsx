import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useRecordTitle } from '@/lib/page-title';
import { listLink } from '@/lib/url-filters';
import { useIsPhone } from '@/lib/use-phone';
import { PhoneActionBar } from './phone-action-bar';

interface DetailHeaderProps {
  /** The list this page belongs to: a link back to it. */
  back: { to: string; label: string };
  /** The record's code, small above the title (SX-2026-00013, YD-2026-0007 · 第 1 项). */
  code?: ReactNode;
  title: ReactNode;
  titleLevel?: 3 | 4;
  /** Tags beside the title: state, urgency, overdue … */
  marks?: ReactNode;
  /** A line under the title. */
  subtitle?: ReactNode;
  /** The buttons of the steps this user may take. */
  actions?: ReactNode;
  /** How the breadcrumb names the record (defaults to the code and a plain-text title). */
  crumb?: string;
  /** Test ids of the code, title and marks (pages are tested by them). */
  testIds: { code?: string; title: string; marks?: string };
  /** The facts below the header, in the same card. */
  children?: ReactNode;
}

/** The top card of a detail page (project, ticket, meeting, decision): back link (to the list as
 * last searched), code, title with its tags, the actions on the right, the facts underneath. */
export function DetailHeader({ back, code, title, titleLevel = 3, marks, subtitle, actions, crumb, testIds, children }: DetailHeaderProps) {
  const navigate = useNavigate();
  const phone = useIsPhone();
  useRecordTitle(crumb ?? ([code, title].filter((t) => typeof t === 'string').join(' ') || null));
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: phone ? '1 1 100%' : '1 1 480px' }}>
          <Button
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(listLink(back.to))}
            style={{ padding: 0, alignSelf: 'flex-start', minWidth: 44 }}
          >
            {back.label}
          </Button>
          {code ? (
            <Typography.Text type="secondary" className="mono" data-testid={testIds.code}>
              {code}
            </Typography.Text>
          ) : null}
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={phone ? 4 : titleLevel} style={{ margin: 0 }} data-testid={testIds.title}>
              {title}
            </Typography.Title>
            {marks ? (
              <Space size={4} wrap data-testid={testIds.marks}>
                {marks}
              </Space>
            ) : null}
          </Flex>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </Flex>
        {actions ? <PhoneActionBar phone={phone}>{actions}</PhoneActionBar> : null}
      </Flex>
      {children ? <div style={{ marginTop: 16 }}>{children}</div> : null}
    </Card>
  );
}
