import { TreeSelect, type TreeSelectProps } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { labelOf, useEnums } from '@/lib/api/meta';
import type { Schemas } from '@/lib/api/types';
import { useAllUnits } from './unit-select';

type Unit = Schemas['UnitRead'];

/** A unit with the units under it (a district's parks). */
export type UnitNode = Unit & { children?: UnitNode[] };

/** A node of the unit tree, usable by antd's Tree (`key`) and TreeSelect (`value`). */
export interface UnitTreeNode {
  key: string;
  value: string;
  title: ReactNode;
  /** Plain name, for searching. */
  name: string;
  /** Kind headings only group units: they expand, they are not chosen. */
  selectable: boolean;
  children?: UnitTreeNode[];
}

const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * Units as a forest: each park under its district when both are in `units`, the rest at the top,
 * ordered by kind (`kindOrder`, as /meta/enums lists them) and then by name.
 */
export function unitForest(units: Unit[], kindOrder: string[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string, UnitNode[]>();
  const roots: UnitNode[] = [];
  for (const u of [...units].sort(byName)) {
    if (u.parent_id && ids.has(u.parent_id)) {
      children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), { ...u }]);
    } else {
      roots.push({ ...u });
    }
  }
  const attach = (node: UnitNode): UnitNode => {
    const kids = children.get(node.id);
    return kids ? { ...node, children: kids.map(attach) } : node;
  };
  const rank = (kind: string) => {
    const i = kindOrder.indexOf(kind);
    return i < 0 ? kindOrder.length : i;
  };
  return roots.sort((a, b) => rank(a.kind) - rank(b.kind)).map(attach);
}

function toTreeNode(u: UnitNode): UnitTreeNode {
  return {
    key: u.id,
    value: u.id,
    title: u.is_active ? u.name : `${u.name}（已停用）`,
    name: u.name,
    selectable: true,
    children: u.children?.map(toTreeNode),
  };
}

/** Every unit as a tree under one heading per kind (市商务局, 县市区 with their parks, 园区 …). */
export function useUnitTreeData() {
  const units = useAllUnits();
  const enums = useEnums();
  const treeData = useMemo(() => {
    const kinds = enums.data?.unit_kinds ?? [];
    const forest = unitForest(units.data ?? [], kinds.map((k) => k.value));
    const groups = new Map<string, UnitNode[]>();
    for (const node of forest) groups.set(node.kind, [...(groups.get(node.kind) ?? []), node]);
    return [...groups].map(
      ([kind, nodes]): UnitTreeNode => ({
        key: `kind:${kind}`,
        value: `kind:${kind}`,
        title: labelOf(kinds, kind),
        name: labelOf(kinds, kind),
        selectable: false,
        children: nodes.map(toTreeNode),
      }),
    );
  }, [units.data, enums.data]);
  return { treeData, isLoading: units.isLoading, units: units.data ?? [] };
}

/** The unit tree as a picker (a phone's form of the tree beside a list): search by name. */
export function UnitTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const { treeData, isLoading } = useUnitTreeData();
  return (
    <TreeSelect<string>
      treeData={treeData}
      loading={isLoading}
      allowClear
      showSearch={{ treeNodeFilterProp: 'name' }}
      treeDefaultExpandAll
      listHeight={360}
      {...props}
    />
  );
}
