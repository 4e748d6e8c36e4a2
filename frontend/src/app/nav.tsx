import {
  ApiOutlined,
  BellOutlined,
  FolderOpenOutlined,
  FundProjectionScreenOutlined,
  FileTextOutlined,
  SolutionOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  ScheduleOutlined,
  HomeOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
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
  /** Roles that see the page even without `permission` (e.g. 我的项目 for leaders). */
  roles?: string[];
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
  { path: '/', label: '工作台', icon: <HomeOutlined />, page: lazy(() => import('./home-route')) },
  { path: '/todo', label: '待办', icon: <CarryOutOutlined />, permission: 'tickets:read', page: lazy(() => import('@/features/tickets/components/todo-page')) },
  { path: '/my-project', label: '我的项目', icon: <FundProjectionScreenOutlined />, roles: ['leader'], page: lazy(() => import('@/features/my-project/components/my-project-page')) },
  { path: '/projects', label: '项目库', icon: <FolderOpenOutlined />, permission: 'projects:read', page: lazy(() => import('@/features/projects/components/projects-page')) },
  { path: '/tickets', label: '服务事项', icon: <ProfileOutlined />, permission: 'tickets:read', page: lazy(() => import('@/features/tickets/components/tickets-page')) },
  { path: '/meetings', label: '会议', icon: <ScheduleOutlined />, permission: 'meetings:read', page: lazy(() => import('@/features/meetings/components/meetings-page')) },
  { path: '/decisions', label: '议定事项', icon: <CheckSquareOutlined />, permission: 'meetings:read', page: lazy(() => import('@/features/meetings/components/decisions-page')) },
  { path: '/reports', label: '月报季报', icon: <FileTextOutlined />, permission: 'reports:read', page: lazy(() => import('@/features/reports/components/reports-page')) },
  { path: '/bulletins', label: '半年度通报', icon: <TrophyOutlined />, permission: 'reports:read', page: lazy(() => import('@/features/bulletins/components/bulletins-page')) },
  { path: '/assessment', label: '年度考核', icon: <AuditOutlined />, permission: 'reports:read', page: lazy(() => import('@/features/assessment/components/assessment-page')) },
  { path: '/reviews', label: '三级联审', icon: <ClusterOutlined />, permission: 'reviews:read', page: lazy(() => import('@/features/reviews/components/reviews-page')) },
  { path: '/assignments', label: '领导联系', icon: <SolutionOutlined />, permission: 'assignments:write', roles: ['leader', 'supervisor'], page: lazy(() => import('@/features/assignments/components/assignments-page')) },
  { path: '/notifications', label: '消息中心', icon: <BellOutlined />, page: lazy(() => import('@/features/notifications/components/notifications-page')) },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read', page: lazy(() => import('@/features/audit/components/audit-page')) },
  { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'users:write', group: 'system', page: lazy(() => import('@/features/users/components/users-page')) },
  { path: '/admin/units', label: '单位管理', icon: <ApartmentOutlined />, permission: 'units:write', group: 'system', page: lazy(() => import('@/features/units/components/units-page')) },
  { path: '/admin/dictionaries', label: '字典管理', icon: <BookOutlined />, permission: 'units:write', group: 'system', page: lazy(() => import('@/features/dictionaries/components/dictionaries-page')) },
  { path: '/admin/calendar', label: '节假日调整', icon: <CalendarOutlined />, permission: 'calendar:write', group: 'system', page: lazy(() => import('@/features/calendar/components/calendar-page')) },
  { path: '/admin/api-clients', label: '接口客户端', icon: <ApiOutlined />, permission: 'api_clients:write', group: 'system', page: lazy(() => import('@/features/api-clients/components/api-clients-page')) },
];

/** Cosmetic: whether the side menu shows the page and its route renders (the server decides). */
export function canSee(item: Pick<NavItem, 'permission' | 'roles'>, me: { role: string; permissions: string[] }): boolean {
  if (!item.permission && !item.roles) return true;
  return (!!item.permission && me.permissions.includes(item.permission)) || !!item.roles?.includes(me.role);
}
