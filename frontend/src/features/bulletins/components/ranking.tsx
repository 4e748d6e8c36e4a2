import { Card, Empty, Flex, List, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useIsPhone } from '@/lib/use-phone';
import type { BulletinGroup, BulletinRow } from '../api/bulletins';
import { listPage } from '../lib/links';

type Value = BulletinRow['values'][number];

/** One value: its wording, linked to the list it came from, the records behind it, its score. */
function ValueCell({ value, label }: { value: Value; label: string }) {
  const to = listPage(value.list_query);
  const codes = value.codes;
  return (
    <Flex vertical gap={0}>
      {to ? (
        <Link to={to} aria-label={`${label}：${value.display}`}>
          {value.display}
        </Link>
      ) : (
        <span>{value.display}</span>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        得分 {value.score}
      </Typography.Text>
      {codes.length ? (
        <Tooltip title={codes.join('、')}>
          <Typography.Text type="warning" style={{ fontSize: 12 }} className="mono">
            {codes.slice(0, 2).join('、')}
            {codes.length > 2 ? ` 等 ${codes.length} 项` : ''}
          </Typography.Text>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

function UnitName({ row }: { row: BulletinRow }) {
  return (
    <span>
      {row.unit_name}
      {row.is_own ? (
        <Tag color="blue" style={{ marginLeft: 4 }}>
          本单位
        </Tag>
      ) : null}
    </span>
  );
}

/** One group's ranking: a table on a desktop, a card per unit on a phone. */
export function RankingCard({ group }: { group: BulletinGroup }) {
  const phone = useIsPhone();
  const title = `${group.label}排名`;
  const weights = group.indicators.map((i) => `${i.label} ${Number(i.weight)} 分${i.direction === 'negative' ? '（负向）' : ''}`).join('，');
  if (!group.rows.length) {
    return (
      <Card title={title}>
        <Empty description="没有参加排名的单位" />
      </Card>
    );
  }
  if (phone) {
    return (
      <Card title={title} size="small" data-testid={`ranking-${group.unit_group}`}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          指标和权重：{weights}
        </Typography.Paragraph>
        <List
          dataSource={group.rows}
          rowKey="unit_id"
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8, borderColor: row.is_own ? '#91caff' : undefined }} data-testid="ranking-row">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>
                  第 {row.rank} 名 · <UnitName row={row} />
                </Typography.Text>
                <Typography.Text strong>{row.score} 分</Typography.Text>
              </Flex>
              {group.indicators.map((indicator, k) => (
                <Flex key={indicator.key} justify="space-between" gap={8} style={{ marginTop: 6, fontSize: 13 }}>
                  <Typography.Text type="secondary" style={{ flex: '0 0 40%' }}>
                    {indicator.label}
                  </Typography.Text>
                  <div style={{ textAlign: 'right', minWidth: 0 }}>
                    <ValueCell value={row.values[k]} label={`${row.unit_name}${indicator.label}`} />
                  </div>
                </Flex>
              ))}
            </Card>
          )}
        />
      </Card>
    );
  }
  const columns: ColumnsType<BulletinRow> = [
    { title: '名次', dataIndex: 'rank', width: 64, fixed: 'left' },
    { title: '单位', key: 'unit', width: 150, fixed: 'left', render: (_, row) => <UnitName row={row} /> },
    ...group.indicators.map((indicator, k) => ({
      title: (
        <Tooltip title={indicator.definition}>
          <span>
            {indicator.label}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {Number(indicator.weight)} 分{indicator.direction === 'negative' ? '（负向）' : ''}
            </Typography.Text>
          </span>
        </Tooltip>
      ),
      key: indicator.key,
      width: 140,
      render: (_: unknown, row: BulletinRow) => <ValueCell value={row.values[k]} label={`${row.unit_name}${indicator.label}`} />,
    })),
    {
      title: '综合得分',
      dataIndex: 'score',
      width: 96,
      fixed: 'right',
      render: (score: string) => <Typography.Text strong>{score}</Typography.Text>,
    },
  ];
  return (
    <Card title={title} data-testid={`ranking-${group.unit_group}`}>
      <Table<BulletinRow>
        rowKey="unit_id"
        columns={columns}
        dataSource={group.rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.is_own ? 'ant-table-row-selected' : '')}
      />
    </Card>
  );
}
