import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { logout } from '@/lib/auth/session';
import { useMe } from '@/lib/auth/use-session';
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

export function AppLayout() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const menuItems = useSideMenu(me);
  const current = selectedKey(location.pathname);
  const openGroup = navItems.find((i) => i.path === current)?.group;

  const userMenu: MenuProps = {
    items: [
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

  return (
    <Layout style={{ minHeight: '100vh', background: '#001529' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
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
        <Menu
          data-testid="side-menu"
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={[current]}
          defaultOpenKeys={openGroup ? [openGroup] : navGroups.map((g) => g.key)}
          forceSubMenuRender
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout style={{ background: '#f5f5f5' }}>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Typography.Text type="secondary">湘潭市招商引资管理平台</Typography.Text>
          <Flex align="center" gap={16}>
            <NotificationBell />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Flex align="center" gap={10} style={{ cursor: 'pointer' }} data-testid="user-menu" role="button">
                <Avatar style={{ background: '#1f5fbf' }} icon={<UserOutlined />} />
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
                <DownOutlined style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }} />
              </Flex>
            </Dropdown>
          </Flex>
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
