import { sql, type Expression, type SqlBool } from 'kysely';
import { inScope, permissionsAt, scopeRoots } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { todayInChina } from '../clock.js';
import { presentNotice, presentObjection, type AttachmentInfo } from './present.js';

const noticeWithNode = (db: Db) =>
  db
    .selectFrom('public_notice as n')
    .innerJoin('org_node as o', 'o.id', 'n.node_id')
    .selectAll('n')
    .select('o.name as node_name')
    // an unpublished correction already under way, if any
    .select(
      sql<number | null>`(select c.id from public_notice c where c.supersedes_id = n.id and c.status = 'draft')`.as(
        'pending_correction_id',
      ),
    )
    .select(
      sql<
        AttachmentInfo[]
      >`coalesce((select json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size) order by a.id)
        from notice_attachment a where a.notice_id = n.id), '[]'::json)`.as('attachments'),
    );

/**
 * The notices a user reads (issue 13). Drafts: only where the user posts notices. Published ones:
 * those of any node in the user's scope or above one — the community and street notices addressed
 * to an estate's people, the estates whose buildings a grid worker's grid serves, the estates (and
 * their community and street) a property company serves.
 */
function noticeVisible(user: CurrentUser): Expression<SqlBool> {
  const node = sql.ref<number>('n.node_id');
  const roots = scopeRoots(user, 'org.read');
  const reached =
    roots.length === 0
      ? sql<SqlBool>`false`
      : sql<SqlBool>`exists (select 1 from org_closure va where va.ancestor_id = ${node} and exists (
          select 1 from org_closure sc where sc.descendant_id = va.descendant_id and sc.ancestor_id in (${sql.join(roots)})))`;
  return sql<SqlBool>`((n.status = 'draft' and ${inScope(user, 'notice.manage', node)}) or (n.status <> 'draft' and ${reached}))`;
}

/** The notices the caller reads (see noticeVisible), newest first. */
export async function listNotices(db: Db, user: CurrentUser, q: { nodeId?: number | undefined; limit: number }) {
  let query = noticeWithNode(db).where(noticeVisible(user)).orderBy('n.id', 'desc').limit(q.limit);
  if (q.nodeId) query = query.where('n.node_id', '=', q.nodeId);
  const rows = await query.execute();
  const held = await permissionsAt(
    db,
    user,
    rows.map((r) => r.node_id),
  );
  const today = todayInChina();
  return { items: rows.map((r) => presentNotice(r, today, held.get(r.node_id))) };
}

export async function getNoticeDetail(db: Db, user: CurrentUser, id: number) {
  const row = await noticeWithNode(db).where('n.id', '=', id).where(noticeVisible(user)).executeTakeFirst();
  if (!row) throw notFound('公告');
  const held = (await permissionsAt(db, user, [row.node_id])).get(row.node_id);
  const today = todayInChina();
  // Staff see every objection to the notice; an owner sees only their own.
  const staff = held?.has('notice.manage') || held?.has('objection.verify');
  let objections = db.selectFrom('objection').selectAll().where('notice_id', '=', id).orderBy('id');
  if (!staff) objections = objections.where('objector_account_id', '=', user.id);
  const list = await objections.execute();
  return { ...presentNotice(row, today, held), objections: list.map((o) => presentObjection(o, today, held ?? new Set())) };
}

/**
 * The estate's public page (no login): its published notices and those of its community and
 * street, current ones first. Nothing personal is shown: objections are not listed here, only
 * their published verification results.
 */
export async function publicEstateNotices(db: Db, estateId: number) {
  const estate = await db.selectFrom('org_node').select(['id', 'name', 'address', 'kind']).where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.kind !== 'estate') throw notFound('小区');
  const ancestors = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select(['a.id', 'a.kind', 'a.name'])
    .where('c.descendant_id', '=', estateId)
    .where('a.kind', 'in', ['estate', 'community', 'street'])
    .execute();
  const rows = await noticeWithNode(db)
    .where(
      'n.node_id',
      'in',
      ancestors.map((a) => a.id),
    )
    .where('n.status', '=', 'published')
    .orderBy('n.publish_date', 'desc')
    .orderBy('n.id', 'desc')
    .limit(500)
    .execute();
  const today = todayInChina();
  const all = rows.map((r) => {
    const { actions: _actions, ...rest } = presentNotice(r, today);
    return rest;
  });
  return {
    estate: {
      id: estate.id,
      name: estate.name,
      address: estate.address,
      community: ancestors.find((a) => a.kind === 'community')?.name ?? null,
      street: ancestors.find((a) => a.kind === 'street')?.name ?? null,
    },
    today,
    current: all.filter((n) => n.state === 'inPublicity' || n.state === 'standing'),
    past: all.filter((n) => n.state === 'ended' || n.state === 'superseded'),
  };
}
