import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useIsPhone } from '@/lib/use-phone';
import { PhoneActionBar } from './phone-action-bar';

/** A list page's title and subtitle; its actions on the right, or on a phone in a bar fixed to
 * the bottom of the screen (the primary action stays in reach while the list scrolls). */
export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  const phone = useIsPhone();
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: phone ? 12 : 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={phone ? 5 : 4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Text type="secondary" style={phone ? { fontSize: 12 } : undefined}>
            {subtitle}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? <PhoneActionBar phone={phone}>{extra}</PhoneActionBar> : null}
    </Flex>
  );
}
