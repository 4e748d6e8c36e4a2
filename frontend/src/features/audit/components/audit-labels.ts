/** Chinese for the audit action codes the server writes (`user.create`, `auth.login` …). */
const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备',
  'auth.password_change': '修改密码',
  'auth.refresh_replay': '令牌重放（会话已吊销）',
  'auth.client_token': '接口客户端获取令牌',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password_reset': '重置用户密码',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'api_client.create': '新建接口客户端',
  'api_client.revoke': '吊销接口客户端',
  'ticket.create': '提出服务事项',
  'ticket.assigned': '交办服务事项',
  'ticket.accepted': '签收服务事项',
  'ticket.in_progress': '开始办理服务事项',
  'ticket.resolved': '反馈办理结果',
  'ticket.return': '退回服务事项',
  'ticket.closed': '确认办结服务事项',
  'ticket.cancelled': '撤销服务事项',
  'ticket.comment': '服务事项留言',
  'ticket.nudge': '催办服务事项',
  'ticket.instruction': '领导批示服务事项',
  'ticket.attach': '上传服务事项附件',
  'ticket.escalate': '督办服务事项',
  'calendar.put': '保存节假日调整',
  'calendar.delete': '删除节假日调整',
};

const VERBS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  revoke: '吊销',
  transition: '变更状态',
};

const OBJECTS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  api_client: '接口客户端',
  project: '项目',
  ticket: '服务事项',
  calendar_override: '节假日调整',
  meeting: '会议',
};

export function actionLabel(action: string): string | null {
  if (ACTIONS[action]) return ACTIONS[action];
  const [object, verb] = action.split('.');
  return verb && VERBS[verb] && OBJECTS[object] ? `${VERBS[verb]}${OBJECTS[object]}` : null;
}

export function objectTypeLabel(type: string | null | undefined): string {
  if (!type) return '—';
  return OBJECTS[type] ?? type;
}

export const OBJECT_TYPE_OPTIONS = ['user', 'unit', 'api_client'].map((value) => ({ value, label: OBJECTS[value] }));
