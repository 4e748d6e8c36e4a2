import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormModal } from '@/components/form-modal';
import { PageHeader } from '@/components/page-header';
import { QueryBoundary } from '@/components/query-boundary';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { formatDate, formatDateTime } from '@/lib/format';
import { useBulletins, useCreateBulletin, type BulletinSummary } from '../api/bulletins';
import { buildableHalves, halfLabel } from '../lib/links';
import { IndicatorsCard } from './indicators-card';

function BuildModal({ existing, onClose }: { existing: BulletinSummary[]; onClose: () => void }) {
  const create = useCreateBulletin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const taken = new Set(existing.map((b) => `${b.year}-${b.half}`));
  const options = buildableHalves(new Date())
    .filter((h) => !taken.has(`${h.year}-${h.half}`))
    .map((h) => ({ value: `${h.year}-${h.half}`, label: halfLabel(h.year, h.half) }));
  return (
    <FormModal<{ period: string }>
      title="生成半年度通报"
      okText="生成"
      name="bulletin-create"
      onClose={onClose}
      initialValues={{ period: options[0]?.value }}
      onSubmit={async ({ period }) => {
        const [year, half] = period.split('-').map(Number);
        const bulletin = await create.mutateAsync({ year, half });
        message.success(`已生成${bulletin.title}（草稿）`);
        onClose();
        void navigate(`/bulletins/${bulletin.id}`);
      }}
      header={
        <Typography.Paragraph type="secondary">
          按所选半年度的统计数据和考核指标权重，生成各县市区、园区和职能部门的排名草稿；发布前可修改分析和表扬、通报批评名单，也可重新生成。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="period" label="统计期" rules={[{ required: true, message: '请选择半年度' }]}>
        <Select options={options} placeholder="选择半年度" notFoundContent="近两年的通报都已生成" />
      </Form.Item>
    </FormModal>
  );
}

/** 半年度通报: the list, newest half first; the coordinator builds a new one here. */
export default function BulletinsPage() {
  const me = useMe();
  const list = useBulletins();
  const [building, setBuilding] = useState(false);
  const editor = hasPermission(me, 'bulletins:write');
  return (
    <>
      <PageHeader
        title="半年度通报"
        subtitle="各县市区、园区和职能部门半年度招商引资工作排名、表扬和通报批评"
        extra={
          editor ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBuilding(true)} data-testid="bulletin-create">
              生成通报
            </Button>
          ) : undefined
        }
      />
      <QueryBoundary
        query={list}
        empty={
          <Card>
            <Empty description={editor ? '还没有通报，点击“生成通报”' : '还没有发布的通报'} />
          </Card>
        }
      >
        {(items) => (
          <List
            dataSource={items}
            rowKey="id"
            renderItem={(b) => (
              <Card size="small" style={{ marginBottom: 12 }} data-testid="bulletin-card">
                <Flex justify="space-between" align="flex-start" gap={8} wrap>
                  <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
                    <Link to={`/bulletins/${b.id}`} style={{ fontSize: 16, fontWeight: 500 }}>
                      {b.title}
                    </Link>
                    <Typography.Text type="secondary">
                      统计期 {formatDate(b.period.date_from)} 至 {formatDate(b.period.date_to)}
                    </Typography.Text>
                  </Flex>
                  <Flex vertical align="flex-end" gap={4}>
                    <Tag color={b.state === 'published' ? 'green' : 'default'}>{b.state === 'published' ? '已发布' : '草稿'}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {b.published_at ? `发布于 ${formatDateTime(b.published_at)}` : `生成于 ${formatDateTime(b.built_at)}`}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </Card>
            )}
          />
        )}
      </QueryBoundary>
      <IndicatorsCard editable={editor} />
      {building && list.data ? <BuildModal existing={list.data} onClose={() => setBuilding(false)} /> : null}
    </>
  );
}
