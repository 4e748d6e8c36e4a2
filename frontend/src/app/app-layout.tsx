import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { logout } from '@/lib/auth/session';
import { useMe } from '@/lib/auth/use-session';
import { RecordTitleContext } from '@/lib/page-title';
import { useIsPhone } from '@/lib/use-phone';
import { Breadcrumbs } from './breadcrumbs';
import { canSee, navGroups, navItems } from './nav';

const { Header, Sider, Content } = Layout;

type MenuItem = NonNullable<MenuProps['items']>[number];

function useSideMenu(me: { role: string; permissions: string[] }): MenuItem[] {
  return useMemo(() => {
    const visible = navItems.filter((item) => canSee(item, me));
    const items: MenuItem[] = [];
    const seenGroups = new Set<string>();
    for (const item of visible) {
      if (!item.group) {
        items.push({ key: item.path, icon: item.icon, label: item.label });
        continue;
      }
      if (seenGroups.has(item.group)) continue;
      seenGroups.add(item.group);
      const group = navGroups.find((g) => g.key === item.group);
      items.push({
        key: item.group,
        icon: group?.icon,
        label: group?.label ?? item.group,
        children: visible
          .filter((i) => i.group === item.group)
          .map((i) => ({ key: i.path, icon: i.icon, label: i.label })),
      });
    }
    return items;
  }, [me]);
}

function selectedKey(pathname: string): string {
  const match = navItems
    .filter((i) => i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? pathname;
}

function Logo({ collapsed }: { collapsed: boolean }) {
  return (
    <Flex align="center" gap={10} style={{ height: 64, padding: '0 20px', overflow: 'hidden' }}>
      <div
        style={{
          width: 32,
          height: 32,
          flex: 'none',
          borderRadius: 8,
          background: '#1f5fbf',
          color: '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
        }}
      >
        招
      </div>
      {!collapsed && (
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          招商通
        </Typography.Text>
      )}
    </Flex>
  );
}

export function AppLayout() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [record, setRecord] = useState<string | null>(null);
  const menuItems = useSideMenu(me);
  const current = selectedKey(location.pathname);
  const openGroup = navItems.find((i) => i.path === current)?.group;

  const userMenu: MenuProps = {
    items: [
      ...(phone ? [{ key: 'who', label: `${me.role_label} · ${me.unit.name}`, disabled: true }, { type: 'divider' as const }] : []),
      { key: 'account', icon: <UserOutlined />, label: '我的账户' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') void navigate('/account');
      // Ending the session makes <RequireAuth> send the user to /login.
      if (key === 'logout') void logout();
    },
  };

  const menu = (
    <Menu
      data-testid="side-menu"
      theme="dark"
      mode="inline"
      items={menuItems}
      selectedKeys={[current]}
      defaultOpenKeys={openGroup ? [openGroup] : navGroups.map((g) => g.key)}
      forceSubMenuRender
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );
  const pageTitle = navItems.find((i) => i.path === current)?.label ?? '招商通';

  return (
    <Layout style={{ minHeight: '100vh', background: phone ? '#f5f5f5' : '#001529' }}>
      {phone ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="menu-drawer"
        >
          <Logo collapsed={false} />
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          theme="dark"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Logo collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      <Layout style={{ background: '#f5f5f5', minWidth: 0 }}>
        <Header
          style={{
            background: '#fff',
            padding: phone ? '0 4px 0 4px' : '0 24px',
            height: phone ? 56 : 64,
            lineHeight: phone ? '56px' : '64px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {phone ? (
            <Flex align="center" gap={4} style={{ minWidth: 0, flex: 1 }}>
              <Button
                type="text"
                icon={<MenuOutlined style={{ fontSize: 18 }} />}
                aria-label="打开菜单"
                data-testid="menu-button"
                onClick={() => setDrawerOpen(true)}
              />
              <Typography.Text strong ellipsis style={{ fontSize: 16, minWidth: 0 }} data-testid="header-title">
                {pageTitle}
              </Typography.Text>
            </Flex>
          ) : (
            <Typography.Text type="secondary">湘潭市招商引资管理平台</Typography.Text>
          )}
          <Flex align="center" gap={phone ? 4 : 16} style={{ flex: 'none' }}>
            <NotificationBell />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Flex
                align="center"
                gap={phone ? 6 : 10}
                style={{ cursor: 'pointer', minHeight: 44, padding: phone ? '0 8px 0 4px' : undefined }}
                data-testid="user-menu"
                role="button"
                aria-label="用户菜单"
              >
                <Avatar size={phone ? 28 : undefined} style={{ background: '#1f5fbf', flex: 'none' }} icon={<UserOutlined />} />
                {phone ? (
                  <Typography.Text strong data-testid="header-user-name" ellipsis style={{ maxWidth: 72, lineHeight: 1.3 }}>
                    {me.full_name}
                  </Typography.Text>
                ) : (
                  <Flex vertical style={{ lineHeight: 1.3 }}>
                    <span>
                      <Typography.Text strong data-testid="header-user-name">
                        {me.full_name}
                      </Typography.Text>
                      <Tag color="blue" style={{ marginInlineStart: 8 }}>
                        {me.role_label}
                      </Tag>
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {me.unit.name}
                    </Typography.Text>
                  </Flex>
                )}
                <DownOutlined style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Header>
        {/* On a phone, room at the end for the bar of page actions fixed to the screen's bottom. */}
        <Content style={phone ? { margin: 8, paddingBottom: 72, minWidth: 0 } : { margin: 24, minWidth: 0 }}>
          {phone ? null : <Breadcrumbs record={record} />}
          <RecordTitleContext.Provider value={setRecord}>
            <Outlet />
          </RecordTitleContext.Provider>
        </Content>
      </Layout>
    </Layout>
  );
}
