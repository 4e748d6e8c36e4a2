import { App, Card, Flex, InputNumber, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QueryBoundary } from '@/components/query-boundary';
import { useApiError } from '@/lib/use-api-error';
import { useIndicators, useUpdateIndicator, type Indicator } from '../api/bulletins';

const GROUPS = [
  { key: 'area', label: '县市区/园区' },
  { key: 'department', label: '职能部门' },
] as const;

/** 考核指标和权重: what units are ranked on; the coordinator edits weights and whether an
 * indicator counts (a draft takes them when rebuilt; published bulletins keep theirs). */
export function IndicatorsCard({ editable }: { editable: boolean }) {
  const query = useIndicators();
  const update = useUpdateIndicator();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = async (indicator: Indicator, body: { weight?: string; is_active?: boolean }) => {
    try {
      await update.mutateAsync({ indicator, body });
      message.success(`已保存“${indicator.label}”`);
    } catch (err) {
      showError(err);
    }
  };
  const columns: ColumnsType<Indicator> = [
    {
      title: '指标',
      dataIndex: 'label',
      render: (label: string, i) => (
        <span>
          {label}
          {i.direction === 'negative' ? <Typography.Text type="secondary">（负向）</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: '权重（分）',
      dataIndex: 'weight',
      width: 120,
      render: (weight: string, i) =>
        editable ? (
          <InputNumber
            key={`${i.id}-${i.version}`}
            aria-label={`${i.label}权重`}
            min={0}
            max={100}
            precision={0}
            defaultValue={Number(weight)}
            style={{ width: 88 }}
            onBlur={(e) => {
              const next = Number(e.target.value);
              if (Number.isFinite(next) && next !== Number(weight)) void save(i, { weight: next.toFixed(2) });
            }}
          />
        ) : (
          Number(weight)
        ),
    },
    {
      title: '计入',
      dataIndex: 'is_active',
      width: 72,
      render: (active: boolean, i) =>
        editable ? (
          // The label is the tap target: a bare switch is 22 px tall.
          <label style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44, minWidth: 44 }}>
            <Switch checked={active} aria-label={`${i.label}计入排名`} onChange={(on) => void save(i, { is_active: on })} />
          </label>
        ) : active ? (
          '是'
        ) : (
          '否'
        ),
    },
  ];
  return (
    <Card title="考核指标和权重" size="small" style={{ marginTop: 16 }} data-testid="indicators-card">
      <QueryBoundary query={query}>
        {(items) => (
          <Flex vertical gap={12}>
            {GROUPS.map((g) => {
              const rows = items.filter((i) => i.unit_group === g.key);
              const total = rows.filter((i) => i.is_active).reduce((n, i) => n + Number(i.weight), 0);
              return (
                <div key={g.key}>
                  <Typography.Text strong>
                    {g.label}（计入的权重合计 {total} 分）
                  </Typography.Text>
                  <Table<Indicator> rowKey="id" size="small" pagination={false} columns={columns} dataSource={rows} />
                </div>
              );
            })}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              修改后，草稿通报“重新生成”时按新的权重计算；已发布的通报保持发布时的权重。年度考核沿用这些指标。
            </Typography.Text>
          </Flex>
        )}
      </QueryBoundary>
    </Card>
  );
}
