import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import type { ShownSecret } from '../api/webhooks';

/** A signing secret exists in plain text only in the response that made it: show it once. */
export function EndpointSecretModal({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  return (
    <Modal
      open={!!shown}
      title={shown?.previousUntil ? '签名密钥已轮换' : '推送地址已登记'}
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
        description={
          shown?.previousUntil
            ? `请把新密钥交给对接方。旧密钥到 ${formatDateTime(shown.previousUntil)} 前仍同时签名，对方在此前换用新密钥验证即可，不会漏收消息。`
            : '对接方用此密钥验证每条消息的 webhook-signature 签名（Standard Webhooks）。关闭后无法再次查看，遗失只能轮换。'
        }
        style={{ marginBottom: 16 }}
      />
      {shown && (
        <Descriptions column={1} bordered size="small" data-testid="endpoint-secret">
          <Descriptions.Item label="接收地址">
            <Typography.Text className="mono" style={{ wordBreak: 'break-all' }}>
              {shown.url}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="签名密钥">
            <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} className="mono" style={{ wordBreak: 'break-all' }}>
              {shown.secret}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
