import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from '@/lib/query-client';
import '@/lib/format';
import { router } from './router';

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
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
