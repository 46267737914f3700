import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useSession } from '../auth/session';
import { errorMessage } from '../shared/feedback';
import { buildOrgTree, type OrgTree } from './tree';
import type { NodeDetail, TreeNode } from './types';

/**
 * The caller's whole org tree, shared by the pages and pickers that need it (units page, account
 * role picker, import targets…). Fetched once and kept until a change to the hierarchy invalidates
 * it. The org page itself loads lazily (useLazyOrgTree.ts): a district is too large to send at once.
 */
let cache: Promise<OrgTree> | null = null;
/** The session the cached tree belongs to: another login must not see the last one's tree. */
let cacheSession: string | null = null;
const listeners = new Set<() => void>();

function load(session: string | null): Promise<OrgTree> {
  if (session !== cacheSession) {
    cache = null;
    cacheSession = session;
  }
  const p = (cache ??= api
    .get<{ nodes: TreeNode[] }>('/api/org/tree')
    .then(async (r) => buildOrgTree(r.nodes, await outsideEstateNames(r.nodes))));
  p.catch(() => {
    if (cache === p) cache = null;
  });
  return p;
}

/**
 * The tree does not carry the estates of buildings the caller sees only through a grid. Their names
 * come from one building's path per such estate (a handful of requests, only for grid workers).
 */
export async function outsideEstateNames(nodes: TreeNode[]): Promise<Map<number, string>> {
  const ids = new Set(nodes.map((n) => n.id));
  const probe = new Map<number, number>();
  for (const n of nodes)
    if (n.kind === 'building' && n.parentId !== null && !ids.has(n.parentId) && !probe.has(n.parentId)) probe.set(n.parentId, n.id);
  const names = new Map<number, string>();
  await Promise.all(
    [...probe].map(async ([estateId, buildingId]) => {
      try {
        const d = await api.get<NodeDetail>(`/api/org/nodes/${buildingId}`);
        const estate = d.ancestors.find((a) => a.id === estateId);
        if (estate) names.set(estateId, estate.name);
      } catch {
        // Without the name the building is shown by its own name only.
      }
    }),
  );
  return names;
}

/** Call after creating, changing, moving or deleting a node. */
export function invalidateOrgTree() {
  cache = null;
  for (const l of listeners) l();
}

/** Calls `listener` on every invalidateOrgTree (the org page's lazy tree reloads then); returns the unsubscribe. */
export function onOrgTreeInvalidated(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useOrgTree(): { tree: OrgTree | null; error: string | null; loading: boolean; reload: () => void } {
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const session = useSession().me?.csrfToken ?? null;

  useEffect(() => {
    const l = () => setVersion((v) => v + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);

  useEffect(() => {
    let live = true;
    setError(null);
    load(session).then(
      (t) => live && setTree(t),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version, session]);

  const reload = useCallback(() => invalidateOrgTree(), []);
  return { tree, error, loading: !tree && !error, reload };
}
