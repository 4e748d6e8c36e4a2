import { Flex } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's actions: in a row where the page puts them on a desktop; on a phone in a bar fixed
 * to the bottom of the screen, within the thumb's reach (the app frame leaves room below the
 * content). The same element either way, so actions that hold state (an open dialog) keep it
 * when the layout changes.
 */
export function PhoneActionBar({ phone, children }: { phone: boolean; children: ReactNode }) {
  return (
    <Flex gap={8} wrap className={phone ? 'phone-action-bar' : undefined} data-testid={phone ? 'phone-action-bar' : undefined}>
      {children}
    </Flex>
  );
}
