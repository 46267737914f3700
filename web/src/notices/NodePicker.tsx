import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { NODE_KIND_LABEL } from '../../../core/org';
import type { OrgTree, OrgTreeItem } from '../org/tree';

/** Where notices are posted: estates, communities and the street. */
const NOTICE_NODE_KINDS = new Set(['street', 'community', 'estate']);

export interface NodeOption {
  value: number;
  title: string;
  disabled?: boolean;
  selectable?: boolean;
  children?: NodeOption[];
}

/** The street → community → estate part of the caller's tree; nodes outside their scope are shown but not selectable. */
export function noticeNodeOptions(tree: OrgTree): NodeOption[] {
  const walk = (items: OrgTreeItem[]): NodeOption[] => {
    const out: NodeOption[] = [];
    for (const it of items) {
      // the district is the context root above every street: its streets stand in its place
      if (it.primary && it.node.kind === 'district') {
        out.push(...walk(it.children));
        continue;
      }
      if (!it.primary || !NOTICE_NODE_KINDS.has(it.node.kind)) continue;
      const children = walk(it.children);
      if (!it.node.inScope && children.length === 0) continue;
      out.push({
        value: it.node.id,
        title: `${it.node.name}（${NODE_KIND_LABEL[it.node.kind]}）`,
        ...(it.node.inScope ? {} : { disabled: true, selectable: false }),
        ...(children.length ? { children } : {}),
      });
    }
    return out;
  };
  return walk(tree.roots);
}

export function NodePicker({
  tree,
  value,
  onChange,
  placeholder = '选择小区、社区或街道',
  allowClear,
  testId,
  style,
}: {
  tree: OrgTree | null;
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  testId: string;
  style?: CSSProperties;
}) {
  const options = useMemo(() => (tree ? noticeNodeOptions(tree) : []), [tree]);
  return (
    <TreeSelect<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={options}
      treeDefaultExpandAll
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
