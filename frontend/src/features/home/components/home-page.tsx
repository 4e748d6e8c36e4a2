import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, Flex, Row, Tag, Typography } from 'antd';
import { labelOf, useEnums } from '@/lib/api/meta';
import { useMe } from '@/lib/auth/use-session';
import { formatDate } from '@/lib/format';
import { groupPermissions } from './permission-groups';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const me = useMe();
  const enums = useEnums();
  const groups = groupPermissions(me.permissions, enums.data?.permissions);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
          {greeting(new Date().getHours())}，{me.full_name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          欢迎使用招商通。今天是 {formatDate(new Date())}，您以“{me.role_label}”身份登录，所属单位为{me.unit.name}。
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title="我的信息" style={{ height: '100%' }}>
            <Descriptions column={1} size="middle">
              <Descriptions.Item label="姓名">{me.full_name}</Descriptions.Item>
              <Descriptions.Item label="账号">{me.username}</Descriptions.Item>
              <Descriptions.Item label="角色">
                <Tag color="blue">{me.role_label}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="所属单位">{me.unit.name}</Descriptions.Item>
              <Descriptions.Item label="单位类型">{labelOf(enums.data?.unit_kinds, me.unit.kind)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card
            title={
              <span>
                <SafetyCertificateOutlined style={{ marginInlineEnd: 8 }} />
                我的权限
              </span>
            }
            style={{ height: '100%' }}
          >
            {groups.length === 0 ? (
              <Empty description="暂无权限" />
            ) : (
              <Flex vertical gap={12} data-testid="home-permissions">
                {groups.map((g) => (
                  <Flex key={g.area} gap={8} align="baseline" wrap>
                    <Typography.Text strong style={{ minWidth: 88 }}>
                      {g.area}
                    </Typography.Text>
                    {g.items.map((p) => (
                      <Tag key={p.value} color={p.value.endsWith(':read') ? 'default' : 'processing'}>
                        {p.label}
                      </Tag>
                    ))}
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
