import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../shared/useApi';
import { buildOrgTree, filterTree, type OrgTreeItem } from './tree';
import type { TreeNode } from './types';

export interface OrgSearch {
  /** the matches and their ancestors, pruned; null while not searching or before the first answer */
  roots: OrgTreeItem[] | null;
  /** keys to open to show every match */
  expanded: string[];
  /** more matched than the server sends (100): the user should narrow the search */
  truncated: boolean;
  loading: boolean;
  error: string | null;
}

/** The org tree's search, asked of the server (the page holds only what was opened), 300 ms after typing stops. */
export function useOrgSearch(text: string): OrgSearch {
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setQ(text.trim()), 300);
    return () => window.clearTimeout(t);
  }, [text]);
  const { data, loading, error } = useApi<{ nodes: TreeNode[]; truncated: boolean }>(q ? '/api/org/tree' : null, { q });
  return useMemo(() => {
    if (!q || !data) return { roots: null, expanded: [], truncated: false, loading: !!text.trim(), error };
    const filtered = filterTree(buildOrgTree(data.nodes), q);
    return { roots: filtered.roots, expanded: filtered.expanded, truncated: data.truncated, loading: loading || q !== text.trim(), error };
  }, [q, data, loading, error, text]);
}
