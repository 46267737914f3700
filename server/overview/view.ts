import { sql } from 'kysely';
import { NODE_KIND_LABEL, type NodeKind } from '../../core/org.js';
import { requireAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest } from '../http/errors.js';

/**
 * What one dashboard shows (issue 18 §2): a node of the hierarchy and the nodes its figures are
 * broken down by — a district by its streets, a street by its communities, a community by its
 * estates, an estate by itself. A user whose scope is several nodes (a district department bound
 * to two streets) lands on those nodes side by side. Drilling down is asking for a child's view.
 */
export interface OverviewNode {
  id: number;
  name: string;
  kind: NodeKind;
  kindLabel: string;
}

export interface OverviewView {
  /** the node shown, or null for "my scope" when it is several nodes side by side */
  node: OverviewNode | null;
  /** the way up to the user's scope root, for the breadcrumb (root first, the node last) */
  path: OverviewNode[];
  children: OverviewNode[];
  /** the ids of the children, for SQL */
  childIds: number[];
}

const CHILD_KIND: Partial<Record<NodeKind, NodeKind>> = { district: 'street', street: 'community', community: 'estate' };

const present = (n: { id: number; name: string; kind: string }): OverviewNode => ({
  id: n.id,
  name: n.name,
  kind: n.kind as NodeKind,
  kindLabel: NODE_KIND_LABEL[n.kind as NodeKind],
});

export async function resolveView(db: Db, user: CurrentUser, nodeId: number | undefined): Promise<OverviewView> {
  const roots = scopeRoots(user, 'overview.read');
  if (nodeId === undefined && roots.length !== 1) {
    const nodes = roots.length
      ? await db.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', 'in', roots).orderBy('name').orderBy('id').execute()
      : [];
    const children = nodes.map(present);
    return { node: null, path: [], children, childIds: children.map((c) => c.id) };
  }
  const id = nodeId ?? roots[0]!;
  await requireAt(db, user, id, 'overview.read', 'overview.read', '节点');
  const node = await db.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
  const kind = node.kind as NodeKind;
  if (!['district', 'street', 'community', 'estate'].includes(kind))
    throw badRequest(`总览按区、街道、社区或小区查看，${NODE_KIND_LABEL[kind]}没有总览；请选择其所在的社区或小区`, 'nodeId');
  const childKind = CHILD_KIND[kind];
  const children = childKind
    ? await db
        .selectFrom('org_node')
        .select(['id', 'name', 'kind'])
        .where('parent_id', '=', id)
        .where('kind', '=', childKind)
        .orderBy('id')
        .execute()
    : [node];
  // The ancestors the user may see an overview of, root first.
  const path = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as n', 'n.id', 'c.ancestor_id')
    .select(['n.id', 'n.name', 'n.kind'])
    .where('c.descendant_id', '=', id)
    .where(
      roots.length
        ? sql<boolean>`exists (select 1 from org_closure r where r.descendant_id = n.id and r.ancestor_id in (${sql.join(roots)}))`
        : sql<boolean>`false`,
    )
    .orderBy('c.depth', 'desc')
    .execute();
  return {
    node: present(node),
    path: path.map(present),
    children: children.map(present),
    childIds: children.map((c) => c.id),
  };
}
