import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { ApiClientCreated } from '../api/api-clients';

/** The client secret exists in plain text only in this response: show it once. */
export function SecretModal({ client, onClose }: { client: ApiClientCreated | null; onClose: () => void }) {
  return (
    <Modal
      open={!!client}
      title="客户端已创建"
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已妥善保存
        </Button>
      }
      width={620}
    >
      <Alert
        type="warning"
        showIcon
        title="密钥只显示这一次"
        description="关闭此窗口后将无法再次查看客户端密钥。请立即复制并通过安全渠道交给对接方；如果遗失，只能吊销后重新创建。"
        style={{ marginBottom: 16 }}
      />
      {client && (
        <Descriptions column={1} bordered size="small" data-testid="client-secret">
          <Descriptions.Item label="名称">{client.name}</Descriptions.Item>
          <Descriptions.Item label="客户端 ID">
            <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} className="mono">
              {client.client_id}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="客户端密钥">
            <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} className="mono" style={{ wordBreak: 'break-all' }}>
              {client.client_secret}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
