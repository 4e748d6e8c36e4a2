import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from '@/lib/query-client';
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

export function AppProviders() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
