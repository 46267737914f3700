import type { NodeKind } from '../../../core/org';
import { compareNames } from '../shared/format';
import type { TreeNode } from './types';

/**
 * Turns the flat node list of GET /api/org/tree into the tree shown on the page:
 * 街道 → 社区 → (网格 → 楼栋) and (小区 → 楼栋). A building hangs under its estate (its primary
 * place) and again under the grid that serves it; the two places get different keys. A node whose
 * parent is not in the list is a root.
 */

export interface OrgTreeItem {
  key: string;
  node: TreeNode;
  /** false for the second place of a building (under its grid) */
  primary: boolean;
  /** for a building shown under its grid: the estate it belongs to, to tell 1号楼 from 1号楼 */
  estateName?: string;
  children: OrgTreeItem[];
}

export interface OrgTree {
  roots: OrgTreeItem[];
  byId: Map<number, TreeNode>;
  /** names of estates not in the list whose buildings are (see buildOrgTree) */
  outsideEstates: ReadonlyMap<number, string>;
  /** every key a node appears under (a building has two) */
  keysById: Map<number, string[]>;
  /** the key of each item's parent item */
  parentKey: Map<string, string | null>;
  /** keys expanded when the page opens: the context ancestors and the caller's scope roots */
  defaultExpanded: string[];
}

export const KIND_ORDER: Record<NodeKind, number> = { district: 0, street: 1, community: 2, grid: 3, estate: 4, building: 5, company: 6 };

export const primaryKey = (id: number) => `n${id}`;

/**
 * `outsideEstates` names the estates of buildings whose estate is not in the list (a grid worker
 * sees the buildings of their grid but not the estates), so such buildings can still be told apart.
 */
export function buildOrgTree(nodes: TreeNode[], outsideEstates: ReadonlyMap<number, string> = new Map()): OrgTree {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const items = new Map<number, OrgTreeItem>();
  for (const n of nodes) items.set(n.id, { key: primaryKey(n.id), node: n, primary: true, children: [] });

  const roots: OrgTreeItem[] = [];
  for (const n of nodes) {
    const item = items.get(n.id)!;
    const parent = n.parentId !== null ? items.get(n.parentId) : undefined;
    const grid = n.kind === 'building' && n.gridId !== null ? items.get(n.gridId) : undefined;
    if (parent) parent.children.push(item);
    if (grid) {
      if (parent) {
        grid.children.push({ key: `g${grid.node.id}-n${n.id}`, node: n, primary: false, estateName: parent.node.name, children: [] });
      } else {
        // The estate is outside the caller's view (a grid worker): the grid is the building's only place.
        const estateName = n.parentId !== null ? outsideEstates.get(n.parentId) : undefined;
        grid.children.push(estateName ? { ...item, estateName } : item);
      }
    }
    if (!parent && !grid) roots.push(item);
  }

  const keysById = new Map<number, string[]>();
  const parentKey = new Map<string, string | null>();
  const sortAndIndex = (list: OrgTreeItem[], parent: string | null) => {
    list.sort(
      (a, b) =>
        KIND_ORDER[a.node.kind] - KIND_ORDER[b.node.kind] ||
        compareNames(a.estateName ?? '', b.estateName ?? '') ||
        // Buildings of estates outside the caller's view: at least keep each estate's together.
        (a.node.kind === 'building' && b.node.kind === 'building' && !a.estateName && !b.estateName
          ? (a.node.parentId ?? 0) - (b.node.parentId ?? 0)
          : 0) ||
        compareNames(a.node.name, b.node.name) ||
        a.node.id - b.node.id,
    );
    for (const it of list) {
      parentKey.set(it.key, parent);
      const keys = keysById.get(it.node.id);
      if (keys) keys.push(it.key);
      else keysById.set(it.node.id, [it.key]);
      sortAndIndex(it.children, it.key);
    }
  };
  sortAndIndex(roots, null);

  const defaultExpanded: string[] = [];
  for (const n of nodes) {
    const parent = n.parentId !== null ? byId.get(n.parentId) : undefined;
    const scopeRoot = n.inScope && (!parent || !parent.inScope);
    if ((!n.inScope || scopeRoot) && n.kind !== 'building') defaultExpanded.push(primaryKey(n.id));
  }

  return { roots, byId, outsideEstates, keysById, parentKey, defaultExpanded };
}

/** The keys of all items above the given keys, so that they can be expanded to show them. */
export function ancestorKeys(tree: OrgTree, keys: string[]): string[] {
  const out = new Set<string>();
  for (const k of keys) {
    let p = tree.parentKey.get(k) ?? null;
    while (p && !out.has(p)) {
      out.add(p);
      p = tree.parentKey.get(p) ?? null;
    }
  }
  return [...out];
}

/**
 * Items matching a search (by name or code) with their ancestors, as a pruned copy of the tree,
 * plus the keys to expand to show every match.
 */
export function filterTree(tree: OrgTree, query: string): { roots: OrgTreeItem[]; expanded: string[]; matches: number } {
  const q = query.trim().toLowerCase();
  if (!q) return { roots: tree.roots, expanded: [], matches: 0 };
  const expanded: string[] = [];
  let matches = 0;
  const walk = (list: OrgTreeItem[]): OrgTreeItem[] => {
    const out: OrgTreeItem[] = [];
    for (const it of list) {
      const children = walk(it.children);
      const hit =
        it.node.name.toLowerCase().includes(q) ||
        (it.node.code ?? '').toLowerCase().includes(q) ||
        (it.estateName ?? '').toLowerCase().includes(q);
      if (hit) matches++;
      if (children.length) {
        // A match below: open this node to show it.
        expanded.push(it.key);
        out.push({ ...it, children });
      } else if (hit) {
        // A match itself: keep all that is under it, closed.
        out.push(it);
      }
    }
    return out;
  };
  const roots = walk(tree.roots);
  return { roots, expanded, matches };
}

/** "青禾社区 / 第一网格" style path of a node's ancestors within the tree (not including the street and district). */
export function nodePath(tree: OrgTree, id: number, { includeSelf = true } = {}): string {
  const names: string[] = [];
  let n = tree.byId.get(id);
  if (n && !includeSelf) n = n.parentId !== null ? tree.byId.get(n.parentId) : undefined;
  while (n) {
    if (n.kind !== 'street' && n.kind !== 'district') names.unshift(n.name);
    n = n.parentId !== null ? tree.byId.get(n.parentId) : undefined;
  }
  return names.join(' / ');
}
