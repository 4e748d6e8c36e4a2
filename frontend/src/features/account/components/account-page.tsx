import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { changePassword, logoutAll } from '@/lib/auth/session';
import { useMe } from '@/lib/auth/use-session';
import { confirmPasswordRules, newPasswordRules, PASSWORD_HINT } from '@/lib/password';
import { useApiError } from '@/lib/use-api-error';

interface PasswordValues {
  current_password: string;
  new_password: string;
  confirm: string;
}

export default function AccountPage() {
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const onChangePassword = async (values: PasswordValues) => {
    setSaving(true);
    try {
      await changePassword(values.current_password, values.new_password);
      message.success('密码已修改，请重新登录');
    } catch (err) {
      showError(err, form);
      setSaving(false);
    }
  };

  const onLogoutAll = async () => {
    setLeaving(true);
    try {
      await logoutAll();
      message.success('已退出所有设备，请重新登录');
    } catch (err) {
      showError(err);
      setLeaving(false);
    }
  };

  return (
    <>
      <PageHeader title="我的账户" subtitle="查看个人信息、修改密码、管理登录状态" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="个人信息" data-testid="account-profile">
            <Descriptions column={1}>
              <Descriptions.Item label="姓名">{me.full_name}</Descriptions.Item>
              <Descriptions.Item label="账号">{me.username}</Descriptions.Item>
              <Descriptions.Item label="角色">
                <Tag color="blue">{me.role_label}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="所属单位">{me.unit.name}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="登录设备" style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">
              如果您在其他电脑上登录后忘记退出，或怀疑账号被他人使用，可以让所有设备上的登录立即失效。
            </Typography.Paragraph>
            <Popconfirm
              title="退出所有设备"
              description="所有设备（包括当前浏览器）都需要重新登录，确定继续？"
              okText="确定"
              cancelText="取消"
              onConfirm={onLogoutAll}
            >
              <Button danger icon={<LogoutOutlined />} loading={leaving}>
                退出所有设备
              </Button>
            </Popconfirm>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="修改密码">
            <Form<PasswordValues>
              form={form}
              name="change-password"
              layout="vertical"
              onFinish={onChangePassword}
              style={{ maxWidth: 420 }}
            >
              <Form.Item label="当前密码" name="current_password" rules={[{ required: true, message: '请输入当前密码' }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                label="新密码"
                name="new_password"
                extra={PASSWORD_HINT}
                rules={newPasswordRules}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label="确认新密码"
                name="confirm"
                dependencies={['new_password']}
                rules={confirmPasswordRules('new_password')}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Typography.Paragraph type="secondary">修改成功后，所有设备都需要使用新密码重新登录。</Typography.Paragraph>
              <Button type="primary" htmlType="submit" loading={saving}>
                修改密码
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
