import { Grid } from 'antd';

/**
 * Whether the screen is narrower than antd's `md` breakpoint (768 px): a phone. The shell then
 * folds the side menu into a drawer, lists render as cards and dialogs fill the screen.
 * Before the first measurement (`md` undefined) the desktop layout is kept.
 */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
