import { EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '@/components/form-modal';
import { QueryBoundary } from '@/components/query-boundary';
import { formatDateTime } from '@/lib/format';
import { useApiError } from '@/lib/use-api-error';
import {
  useCreateScheme,
  usePublishScheme,
  useReviseScheme,
  useScheme,
  type Scheme,
  type SchemeItem,
  type SchemeSummary,
  type UnitGroup,
} from '../api/assessment';
import { SchemeEditModal } from './scheme-edit-modal';

export const GROUPS: { key: UnitGroup; label: string }[] = [
  { key: 'area', label: '县市区/园区' },
  { key: 'department', label: '职能部门' },
];

export const KIND_LABEL: Record<SchemeItem['kind'], string> = {
  computed: '系统计算',
  manual: '人工评分',
  bonus: '加分项',
  deduction: '扣分项',
};
const KIND_COLOR: Record<SchemeItem['kind'], string> = {
  computed: 'blue',
  manual: 'purple',
  bonus: 'green',
  deduction: 'red',
};

function points(item: SchemeItem): string {
  const weight = Number(item.weight);
  if (item.kind === 'bonus') return `最多加 ${weight} 分`;
  if (item.kind === 'deduction') {
    return item.points ? `每次扣 ${Number(item.points)} 分，最多扣 ${weight} 分` : `最多扣 ${weight} 分`;
  }
  return `${weight} 分`;
}

function SchemeBody({ scheme }: { scheme: Scheme }) {
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">
        等次：优秀 ≥ {Number(scheme.excellent_min)} 分，良好 ≥ {Number(scheme.good_min)} 分，合格 ≥ {Number(scheme.pass_min)}{' '}
        分，以下为不合格；计分项合计 {Number(scheme.total_weight)} 分
      </Typography.Text>
      <Typography.Text type="secondary" data-testid="scheme-reward">
        奖励经费 {(scheme.reward.fund / 10000).toLocaleString('zh-CN')} 万元，其中先进个人 {scheme.reward.individual_percent}%；单位奖励按
        等次系数 × 综合得分分配（优秀 {Number(scheme.reward.factors.excellent)}、良好 {Number(scheme.reward.factors.good)}、合格{' '}
        {Number(scheme.reward.factors.pass)}、不合格 {Number(scheme.reward.factors.fail)}）
      </Typography.Text>
      {scheme.reason ? <Typography.Text>修订理由：{scheme.reason}</Typography.Text> : null}
      <List<SchemeItem>
        size="small"
        dataSource={scheme.items}
        rowKey="id"
        renderItem={(item) => (
          <List.Item data-testid="scheme-item">
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{item.label}</Typography.Text>
                <Space size={4} wrap>
                  <Tag color={KIND_COLOR[item.kind]}>{KIND_LABEL[item.kind]}</Tag>
                  <Typography.Text data-testid="scheme-item-points">{points(item)}</Typography.Text>
                </Space>
              </Flex>
              {item.definition || item.criteria ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {item.definition || item.criteria}
                </Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

function ReviseModal({ scheme, onClose }: { scheme: Scheme; onClose: () => void }) {
  const revise = useReviseScheme();
  const { message } = App.useApp();
  return (
    <FormModal<{ reason: string }>
      title={`修订${scheme.title}`}
      okText="生成修订稿"
      name="scheme-revise"
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        const draft = await revise.mutateAsync({ scheme, reason });
        message.success(`已生成第 ${draft.revision} 版修订稿，发布前现行方案继续有效`);
        onClose();
      }}
    >
      <Form.Item name="reason" label="修订理由" rules={[{ required: true, whitespace: true, message: '请填写修订理由' }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** One unit group's scheme for the year: the draft for those who edit it, else the one in
 * force; the actions that apply to it. */
export function SchemeCard({
  year,
  group,
  schemes,
  editor,
}: {
  year: number;
  group: { key: UnitGroup; label: string };
  schemes: SchemeSummary[];
  editor: boolean;
}) {
  const mine = schemes.filter((s) => s.unit_group === group.key);
  const draft = mine.find((s) => s.state === 'draft');
  const current = mine.find((s) => s.is_current);
  const shown = (editor ? draft : undefined) ?? current;
  const detail = useScheme(shown?.id);
  const create = useCreateScheme();
  const publish = usePublishScheme();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [dialog, setDialog] = useState<'edit' | 'revise' | null>(null);

  const onCreate = async () => {
    try {
      await create.mutateAsync({ year, unit_group: group.key });
      message.success('已新建考核方案草稿（沿用上一年度方案或默认方案），请修改后发布');
    } catch (err) {
      showError(err);
    }
  };
  const onPublish = (scheme: Scheme) =>
    modal.confirm({
      title: `发布${scheme.title}？`,
      content: '发布后方案不能再修改，调整须修订为新版本并说明理由。',
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await publish.mutateAsync(scheme);
          message.success('考核方案已发布');
        } catch (err) {
          showError(err);
        }
      },
    });

  const scheme = detail.data;
  const actions =
    editor && scheme ? (
      scheme.state === 'draft' ? (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="scheme-edit">
            编辑
          </Button>
          <Button type="primary" icon={<SendOutlined />} onClick={() => onPublish(scheme)} data-testid="scheme-publish">
            发布
          </Button>
        </Space>
      ) : (
        <Button icon={<EditOutlined />} onClick={() => setDialog('revise')} data-testid="scheme-revise">
          修订
        </Button>
      )
    ) : null;
  return (
    <Card
      size="small"
      data-testid={`scheme-${group.key}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{group.label}</span>
          {shown ? (
            <Tag color={shown.state === 'published' ? 'green' : 'default'}>
              {shown.state === 'published' ? '已发布' : '草稿'} · 第 {shown.revision} 版
            </Tag>
          ) : null}
        </Flex>
      }
      extra={actions}
      style={{ marginBottom: 16 }}
    >
      {!shown ? (
        <Empty description={`${year}年度${group.label}考核方案尚未发布`}>
          {editor ? (
            <Button type="primary" icon={<PlusOutlined />} loading={create.isPending} onClick={onCreate} data-testid="scheme-create">
              新建方案
            </Button>
          ) : null}
        </Empty>
      ) : (
        <QueryBoundary query={detail}>
          {(s) => (
            <Flex vertical gap={8}>
              <Typography.Text strong>{s.title}</Typography.Text>
              {s.published_at ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  发布于 {formatDateTime(s.published_at)}
                  {editor && current && draft ? `；第 ${draft.revision} 版修订稿待发布，现行为第 ${current.revision} 版` : ''}
                </Typography.Text>
              ) : current ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  修订稿，发布前现行第 {current.revision} 版继续有效
                </Typography.Text>
              ) : null}
              <SchemeBody scheme={s} />
            </Flex>
          )}
        </QueryBoundary>
      )}
      {dialog === 'edit' && scheme ? <SchemeEditModal scheme={scheme} onClose={() => setDialog(null)} /> : null}
      {dialog === 'revise' && scheme ? <ReviseModal scheme={scheme} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

