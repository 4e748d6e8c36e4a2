import { Alert, Table } from 'antd';
import { Link } from 'react-router';
import { QueryBoundary } from '@/components/query-boundary';
import { StageTag } from '@/components/stage-tag';
import { formatMoney, moneyUnit } from '@/lib/format';
import { useDuplicates, type Project } from '../api/projects';

/** 疑似重复: the same investor reported by other units (double counting). */
export function DuplicatesTab({ project }: { project: Project }) {
  const list = useDuplicates(project.id, project.possible_duplicate === true);
  return (
    <QueryBoundary query={list}>
      {(rows) => (
        <>
          <Alert
            type="warning"
            showIcon
            title="同一投资方或同名项目已由其他单位报送，请核实是否重复统计。"
            style={{ marginBottom: 12 }}
          />
          <Table<Project>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '项目代码', dataIndex: 'code', render: (c: string, p) => <Link to={`/projects/${p.id}`}>{c}</Link> },
              { title: '项目名称', dataIndex: 'name' },
              { title: '投资方', dataIndex: 'investor_name', render: (v: string | null) => v ?? '（保密）' },
              { title: '责任单位', dataIndex: 'owner_unit_name' },
              { title: '阶段', dataIndex: 'stage', render: (s: string) => <StageTag stage={s} /> },
              { title: '计划总投资', dataIndex: 'planned_investment', render: (v: string) => formatMoney(v, moneyUnit(rows.map((r) => r.planned_investment))) },
            ]}
          />
        </>
      )}
    </QueryBoundary>
  );
}
