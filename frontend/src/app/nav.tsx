import {
  ApiOutlined,
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
}

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Permission the server grants for this page; undefined = every signed-in user. */
  permission?: string;
  /** Key of the NavGroup the item sits under in the side menu. */
  group?: string;
  page: LazyExoticComponent<ComponentType>;
}

/** Side-menu groups, in display order relative to their first item. */
export const navGroups: NavGroup[] = [{ key: 'system', label: '系统管理', icon: <SettingOutlined /> }];

/**
 * Every page of the app frame: one line per page gives both the route and the
 * side-menu entry (e.g. 项目库 with permission `projects:read`).
 */
export const navItems: NavItem[] = [
  { path: '/', label: '工作台', icon: <HomeOutlined />, page: lazy(() => import('@/features/home/components/home-page')) },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read', page: lazy(() => import('@/features/audit/components/audit-page')) },
  { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users:write', group: 'system', page: lazy(() => import('@/features/users/components/users-page')) },
  { path: '/admin/units', label: '单位管理', icon: <ApartmentOutlined />, permission: 'units:write', group: 'system', page: lazy(() => import('@/features/units/components/units-page')) },
  { path: '/admin/api-clients', label: '接口客户端', icon: <ApiOutlined />, permission: 'api_clients:write', group: 'system', page: lazy(() => import('@/features/api-clients/components/api-clients-page')) },
];
