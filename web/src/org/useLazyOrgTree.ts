import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage } from '../shared/feedback';
import { buildOrgTree, type OrgTree } from './tree';
import type { NodeDetail, TreeNode } from './types';
import { onOrgTreeInvalidated, outsideEstateNames } from './useOrgTree';

/**
 * How deep the org page's first answer goes below the caller's scope roots: a district's streets and
 * communities, a street's communities, grids and estates (issue 18: a district's whole tree is
 * 5,900 nodes, ~1 MB; the first answer is about sixty). The rest is loaded on expand.
 */
export const START_DEPTH = 2;

export interface LazyOrgTree {
  tree: OrgTree | null;
  error: string | null;
  /** ids whose children are all in the tree (expanding them asks nothing) */
  loaded: ReadonlySet<number>;
  /** loads a node's children (GET /api/org/nodes/:id/children) into the tree */
  loadChildren(id: number): Promise<void>;
  /** loads the way down to a node (opened by address) so the tree can show it */
  reveal(id: number): Promise<void>;
  /** loads again what was loaded (after a change to the hierarchy) */
  reload(): void;
}

/** Children of `n` already in the list (a grid's are its buildings). */
function childrenPresent(n: TreeNode, nodes: Iterable<TreeNode>): number {
  let k = 0;
  for (const m of nodes) if (n.kind === 'grid' ? m.gridId === n.id : m.parentId === n.id) k++;
  return k;
}

/** The org page's tree: the start answer, then each node's children as the user opens it. */
export function useLazyOrgTree(): LazyOrgTree {
  const [nodes, setNodes] = useState<Map<number, TreeNode> | null>(null);
  const [outside, setOutside] = useState<ReadonlyMap<number, string>>(new Map());
  const [loaded, setLoaded] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const session = useSession().me?.csrfToken ?? null;
  // what the user opened, to load again after a change
  const opened = useRef(new Set<number>());
  const generation = useRef(0);

  useEffect(() => onOrgTreeInvalidated(() => setVersion((v) => v + 1)), []);

  useEffect(() => {
    const mine = ++generation.current;
    setError(null);
    (async () => {
      const start = await api.get<{ nodes: TreeNode[] }>('/api/org/tree', { depth: START_DEPTH });
      const again = await Promise.all(
        [...opened.current].map((id) =>
          api.get<{ nodes: TreeNode[] }>(`/api/org/nodes/${id}/children`).then(
            (r) => ({ id, nodes: r.nodes }),
            // a node deleted or moved out of scope since: nothing to show under it
            () => ({ id, nodes: [] as TreeNode[] }),
          ),
        ),
      );
      const all = [...start.nodes, ...again.flatMap((r) => r.nodes)];
      return { all, again: again.map((r) => r.id), outside: await outsideEstateNames(all) };
    })().then(
      ({ all, again, outside }) => {
        if (mine !== generation.current) return;
        const map = new Map(all.map((n) => [n.id, n]));
        const done = new Set(again);
        // Out-of-scope ancestors come with the whole way down; a node with all its children here needs no request.
        for (const n of map.values())
          if (!n.inScope || n.kind === 'company' || childrenPresent(n, map.values()) >= n.childCount) done.add(n.id);
        setNodes(map);
        setOutside(outside);
        setLoaded(done);
      },
      (e: unknown) => mine === generation.current && setError(errorMessage(e)),
    );
  }, [version, session]);

  const loadChildren = useCallback(async (id: number) => {
    const mine = generation.current;
    const r = await api.get<{ nodes: TreeNode[] }>(`/api/org/nodes/${id}/children`);
    if (mine !== generation.current) return;
    opened.current.add(id);
    setNodes((prev) => {
      const next = new Map(prev);
      for (const n of r.nodes) next.set(n.id, n);
      return next;
    });
    setLoaded((prev) => new Set(prev).add(id));
  }, []);

  const nodesRef = useRef(nodes);
  const loadedRef = useRef(loaded);
  useEffect(() => {
    nodesRef.current = nodes;
    loadedRef.current = loaded;
  }, [nodes, loaded]);
  const reveal = useCallback(
    async (id: number) => {
      if (!nodesRef.current || nodesRef.current.has(id)) return;
      const d = await api.get<NodeDetail>(`/api/org/nodes/${id}`);
      const done = loadedRef.current;
      // ancestors come top down (district first): each one's children bring the next
      for (const a of d.ancestors) if (a.kind !== 'company' && !done.has(a.id)) await loadChildren(a.id).catch(() => undefined);
    },
    [loadChildren],
  );

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const tree = useMemo(() => (nodes ? buildOrgTree([...nodes.values()], outside) : null), [nodes, outside]);
  return { tree, error, loaded, loadChildren, reveal, reload };
}
