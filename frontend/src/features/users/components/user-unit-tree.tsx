import { Button, Card, Input, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useUnitTreeData, type UnitTreeNode } from '@/components/unit-tree';

/** The nodes whose name holds `q`, with the headings and districts above them. */
function filterTree(nodes: UnitTreeNode[], q: string): UnitTreeNode[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    if (n.selectable && n.name.includes(q)) return [n];
    const children = filterTree(n.children ?? [], q);
    return children.length ? [{ ...n, children }] : [];
  });
}

/**
 * 组织机构 beside the user list (desktop): every unit under its kind, parks under their
 * district. Clicking a unit picks it, clicking it again (or 全部单位) shows everyone.
 */
export function UserUnitTree({ value, onChange }: { value?: string; onChange: (unitId?: string) => void }) {
  const { treeData, isLoading } = useUnitTreeData();
  const [q, setQ] = useState('');
  const shown = useMemo(() => filterTree(treeData, q.trim()), [treeData, q]);
  return (
    <Card
      size="small"
      title="组织机构"
      loading={isLoading}
      style={{ width: 260, flex: 'none', position: 'sticky', top: 16 }}
      styles={{ body: { padding: 8 } }}
      data-testid="unit-tree"
    >
      <Input.Search placeholder="搜索单位" allowClear size="small" onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
      <Button type={value ? 'text' : 'link'} size="small" block style={{ textAlign: 'start', justifyContent: 'flex-start' }} onClick={() => onChange(undefined)}>
        全部单位
      </Button>
      {shown.length ? (
        <Tree<UnitTreeNode>
          // Remounted on search so the matches show expanded.
          key={q.trim() || 'all'}
          blockNode
          defaultExpandAll
          treeData={shown}
          selectedKeys={value ? [value] : []}
          onSelect={(keys) => onChange(keys.length ? String(keys[0]) : undefined)}
          style={{ maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' }}
        />
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', padding: 8 }}>
          没有匹配的单位
        </Typography.Text>
      )}
    </Card>
  );
}
