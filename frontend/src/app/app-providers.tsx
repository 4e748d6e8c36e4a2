import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from '@/lib/query-client';
import { useIsPhone } from '@/lib/use-phone';
import '@/lib/format';
import { router } from './router';

// People who ask their system for less motion get dialogs, menus and messages without animation
// (the browser tests run that way too, so no click lands on a dialog that is still zooming in).
const reduceMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    motion: !reduceMotion,
  },
};

/** On a phone every control is a 44 px tap target (buttons, inputs, selects, menu items …). */
const phoneTheme = { ...theme, token: { ...theme.token, controlHeight: 44, controlHeightSM: 40 } };

export function AppProviders() {
  const phone = useIsPhone();
  return (
    <ConfigProvider locale={zhCN} theme={phone ? phoneTheme : theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
