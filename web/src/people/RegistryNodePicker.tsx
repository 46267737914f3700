import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { NODE_KIND_LABEL, type NodeKind } from '../../../core/org';
import type { OrgTree, OrgTreeItem } from '../org/tree';

interface Option {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: Option[];
}

/**
 * A node of the caller's tree where registry records sit. Only `kinds` can be chosen (and only
 * where `canPick` says so); other nodes are shown to find the way.
 */
export function registryNodeOptions(tree: OrgTree, kinds: readonly NodeKind[], canPick: (id: number) => boolean): Option[] {
  const walk = (items: OrgTreeItem[]): Option[] => {
    const out: Option[] = [];
    for (const it of items) {
      if (!it.primary) continue;
      const children = walk(it.children);
      const pickable = it.node.inScope && kinds.includes(it.node.kind) && canPick(it.node.id);
      if (!pickable && children.length === 0) continue;
      out.push({
        value: it.node.id,
        title: `${it.node.name}（${NODE_KIND_LABEL[it.node.kind]}）`,
        ...(pickable ? {} : { disabled: !it.node.inScope, selectable: false }),
        ...(children.length ? { children } : {}),
      });
    }
    return out;
  };
  return walk(tree.roots);
}

export function RegistryNodePicker({
  tree,
  kinds,
  canPick = () => true,
  value,
  onChange,
  placeholder = '选择单位',
  allowClear,
  testId,
  style,
}: {
  tree: OrgTree | null;
  kinds: readonly NodeKind[];
  canPick?: (id: number) => boolean;
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId: string;
  style?: CSSProperties;
}) {
  const options = useMemo(() => (tree ? registryNodeOptions(tree, kinds, canPick) : []), [tree, kinds, canPick]);
  return (
    <TreeSelect<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={options}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={tree?.defaultExpanded.filter((k) => k.startsWith('n')).map((k) => Number(k.slice(1)))}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={!tree}
      style={style}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
