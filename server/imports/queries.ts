import { sql } from 'kysely';
import type { Permission } from '../../core/access.js';
import { NODE_KIND_LABEL } from '../../core/org.js';
import { inRegistryScope, requireAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { IMPORT_KIND_LABEL, type ImportKind } from './columns.js';

/** Who may import what where: the roll at an estate, people at a street or community, companies at a street. */
export const IMPORT_PERMISSIONS: Record<ImportKind, { read: Permission; manage: Permission; nodeKinds: string[] }> = {
  roll: { read: 'registry.read', manage: 'registry.manage', nodeKinds: ['estate'] },
  people: { read: 'registry.read', manage: 'registry.manage', nodeKinds: ['street', 'community'] },
  companies: { read: 'company.read', manage: 'company.manage', nodeKinds: ['street'] },
};

/** 404 when the node is not readable, 403 when it is but the import is not allowed, 400 for the wrong kind of node. */
export async function requireImportNode(db: Db | Trx, user: CurrentUser, kind: ImportKind, nodeId: number) {
  const p = IMPORT_PERMISSIONS[kind];
  await requireAt(db as Db, user, nodeId, p.manage, p.read, '导入节点');
  const node = await db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', nodeId).executeTakeFirstOrThrow();
  if (!p.nodeKinds.includes(node.kind)) {
    throw badRequest(
      `${IMPORT_KIND_LABEL[kind]}只能导入到${p.nodeKinds.map((k) => NODE_KIND_LABEL[k as keyof typeof NODE_KIND_LABEL]).join('或')}，所选节点是${NODE_KIND_LABEL[node.kind]}`,
      'nodeId',
    );
  }
  return node;
}

/** The street a node belongs to (itself for a street). */
export async function streetOf(db: Db | Trx, nodeId: number): Promise<number> {
  const row = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as n', 'n.id', 'c.ancestor_id')
    .select('n.id')
    .where('c.descendant_id', '=', nodeId)
    .where('n.kind', '=', 'street')
    .executeTakeFirst();
  if (!row) throw badRequest('所选节点不属于任何街道', 'nodeId');
  return row.id;
}

/** The batch if the user may read its kind at its node; 404 otherwise (its existence is not disclosed). */
export async function readableBatch(db: Db | Trx, user: CurrentUser, id: number) {
  const batch = await batchQuery(db, user).where('b.id', '=', id).select(['b.content', 'b.errors']).executeTakeFirst();
  if (!batch) throw notFound('导入批次');
  return batch;
}

function batchQuery(db: Db | Trx, user: CurrentUser) {
  return db
    .selectFrom('import_batch as b')
    .innerJoin('org_node as n', 'n.id', 'b.node_id')
    .leftJoin('account as a', 'a.id', 'b.created_by')
    .select([
      'b.id',
      'b.kind',
      'b.node_id',
      'n.name as node_name',
      'b.file_name',
      'b.size',
      'b.sha256',
      'b.status',
      'b.summary',
      'b.result',
      'a.display_name as created_by_name',
      'b.created_at',
      'b.committed_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('b.kind', 'in', ['roll', 'people']), inRegistryScope(user, 'registry.read', sql.ref('b.node_id'))]),
        eb.and([eb('b.kind', '=', 'companies'), inRegistryScope(user, 'company.read', sql.ref('b.node_id'))]),
      ]),
    );
}

/** Batches in the caller's scope, newest first; with `nodeId`, those at that node and below. */
export async function listBatches(
  db: Db,
  user: CurrentUser,
  q: { nodeId?: number | undefined; kind?: ImportKind | undefined; limit: number },
) {
  let query = batchQuery(db, user).orderBy('b.id', 'desc').limit(q.limit);
  if (q.nodeId !== undefined) {
    const nodeId = q.nodeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_closure as f')
          .select('f.depth')
          .where('f.ancestor_id', '=', nodeId)
          .whereRef('f.descendant_id', '=', 'b.node_id'),
      ),
    );
  }
  if (q.kind) query = query.where('b.kind', '=', q.kind);
  return query.execute();
}

export type BatchRow = Awaited<ReturnType<typeof listBatches>>[number];
