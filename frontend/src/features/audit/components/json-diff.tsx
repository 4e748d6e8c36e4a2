import { Col, Row, Typography } from 'antd';

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        className="mono"
        style={{
          margin: '6px 0 0',
          padding: 12,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          maxHeight: 320,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Before/after of an audited change, side by side. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  return (
    <Row gutter={16}>
      <Col span={12}>
        <JsonBlock title="变更前" value={before} />
      </Col>
      <Col span={12}>
        <JsonBlock title="变更后" value={after} />
      </Col>
    </Row>
  );
}
