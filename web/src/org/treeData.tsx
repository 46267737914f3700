import type { TreeDataNode } from 'antd';
import { formatThousands } from '../shared/format';
import { KindTag } from './KindTag';
import type { OrgTreeItem } from './tree';

/**
 * The antd Tree's data for the org tree. With `loaded` (the lazy tree), a node whose children are
 * not all here yet is no leaf: opening it loads them (Tree loadData).
 */
export function toTreeData(items: OrgTreeItem[], loaded?: ReadonlySet<number>): TreeDataNode[] {
  return items.map((it) => {
    const n = it.node;
    const leaf = loaded
      ? !it.primary || n.kind === 'company' || n.childCount === 0 || (loaded.has(n.id) && it.children.length === 0)
      : it.children.length === 0;
    return {
      key: it.key,
      selectable: n.inScope,
      isLeaf: leaf,
      title: (
        <span
          className={`org-tree-title${n.inScope ? '' : ' out-of-scope'}`}
          data-testid={it.primary ? `tree-node-${n.id}` : `tree-node-${n.id}-grid-${n.gridId}`}
          title={n.inScope ? undefined : '不在您的管理范围内，仅显示位置'}
        >
          <KindTag kind={n.kind} short />
          <span className="org-tree-name">{it.estateName ? `${it.estateName} ${n.name}` : n.name}</span>
          {n.unitCount > 0 && <span className="org-tree-count">{formatThousands(n.unitCount)}套</span>}
        </span>
      ),
      children: toTreeData(it.children, loaded),
    };
  });
}

/** The keys antd must not load again: loaded nodes and leaves, in every place they appear. */
export function loadedKeys(items: OrgTreeItem[], loaded: ReadonlySet<number>, out: string[] = []): string[] {
  for (const it of items) {
    if (!it.primary || loaded.has(it.node.id) || it.node.childCount === 0 || it.node.kind === 'company') out.push(it.key);
    loadedKeys(it.children, loaded, out);
  }
  return out;
}

/** The node id of a tree key (`n12`, or `g3-n12` for a building under its grid). */
export const nodeIdOfKey = (key: string) => Number(key.slice(key.lastIndexOf('n') + 1));
