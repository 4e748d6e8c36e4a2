import type { EnumOption } from '@/lib/api/types';

/** Chinese names of permission areas (the part before the colon). */
const AREA_LABELS: Record<string, string> = {
  projects: '项目',
  assignments: '领导联系',
  tickets: '交办督办',
  meetings: '会议',
  reviews: '三级联审',
  reports: '报表',
  assessments: '考核',
  units: '单位',
  users: '用户',
  api_clients: '接口客户端',
  audit: '审计',
  calendar: '工作日历',
};
const AREA_ORDER = Object.keys(AREA_LABELS);

const ACTION_LABELS: Record<string, string> = {
  read: '查看',
  write: '管理',
  create: '新建',
  update: '编辑',
  delete: '删除',
  approve: '审批',
  escalate: '督办',
  export: '导出',
};

/** Readable Chinese for a permission: the server's label, else built from its code. */
export function permissionLabel(value: string, options?: EnumOption[]): string {
  const label = options?.find((o) => o.value === value)?.label;
  if (label) return label;
  const [area, action] = value.split(':');
  const areaLabel = AREA_LABELS[area];
  const actionLabel = action ? ACTION_LABELS[action] : undefined;
  return areaLabel && actionLabel ? `${actionLabel}${areaLabel}` : value;
}

export interface PermissionGroup {
  area: string;
  items: { value: string; label: string }[];
}

export function groupPermissions(permissions: string[], options?: EnumOption[]): PermissionGroup[] {
  const rank = (area: string) => (AREA_ORDER.includes(area) ? AREA_ORDER.indexOf(area) : AREA_ORDER.length);
  const sorted = [...permissions].sort((a, b) => {
    const [areaA, actionA = ''] = a.split(':');
    const [areaB, actionB = ''] = b.split(':');
    // Within an area, "read" first: what you may see, then what you may do.
    const readFirst = Number(actionB === 'read') - Number(actionA === 'read');
    return rank(areaA) - rank(areaB) || areaA.localeCompare(areaB) || readFirst || actionA.localeCompare(actionB);
  });
  const groups = new Map<string, PermissionGroup>();
  for (const value of sorted) {
    const areaCode = value.split(':')[0];
    const area = AREA_LABELS[areaCode] ?? areaCode;
    const group = groups.get(area) ?? { area, items: [] };
    group.items.push({ value, label: permissionLabel(value, options) });
    groups.set(area, group);
  }
  return [...groups.values()];
}
