import { fireEvent, render, screen } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LoginPage from './login-page';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LoginPage', () => {
  it('shows the server’s Chinese detail on wrong credentials and stays on the form', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(
        Response.json(
          { type: 'about:blank', title: 'Unauthorized', status: 401, detail: '用户名或密码错误', code: 'invalid_credentials' },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const router = createMemoryRouter([{ path: '/login', element: <LoginPage /> }], { initialEntries: ['/login'] });
    render(
      <ConfigProvider locale={zhCN}>
        <App>
          <RouterProvider router={router} />
        </App>
      </ConfigProvider>,
    );

    expect(screen.getByText('招商通 · 湘潭市招商引资管理平台')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-password1' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByText('用户名或密码错误')).toBeInTheDocument();
    const request = (fetchMock.mock.calls[0] as unknown as [Request])[0];
    expect(new URL(request.url).pathname).toBe('/api/v1/auth/token');
    expect(await request.text()).toBe('grant_type=password&username=admin&password=wrong-password1');
    expect(router.state.location.pathname).toBe('/login');
    expect(sessionStorage.length).toBe(0);
  });
});
