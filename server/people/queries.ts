import { sql } from 'kysely';
import { checkGrid, type PartyOrgKind } from '../../core/registry.js';
import { inRegistryScope, permissionsAt, registryPermissionsAt, requireAt } from '../access/scope.js';
import type { Permission } from '../../core/access.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { likeEscape, postIsCurrent } from './places.js';
import { crossAppointments, presentPersonRow, presentPost, roleLabel, type PostRow } from './present.js';
import type { PersonListQuery } from './schema.js';

/** Posts with the name of the body they are held in (the party organisation, else the node). */
function postsWithBodies(db: Db) {
  return db
    .selectFrom('post as ps')
    .innerJoin('org_node as pn', 'pn.id', 'ps.node_id')
    .leftJoin('party_org as ppo', 'ppo.id', 'ps.party_org_id')
    .leftJoin('org_node as pe', 'pe.id', 'ps.estate_id')
    .selectAll('ps')
    .select([sql<string>`coalesce(ppo.name, pn.name)`.as('body_name'), 'pe.name as estate_name']);
}

/** The people of the caller's registry scope matching the filters, one page (or all, for export). */
export async function listPeople(db: Db, user: CurrentUser, q: PersonListQuery, all = false) {
  const today = todayInChina();
  let base = db
    .selectFrom('person as p')
    .innerJoin('org_node as n', 'n.id', 'p.node_id')
    .leftJoin('party_org as po', 'po.id', 'p.party_org_id')
    .where(inRegistryScope(user, 'registry.read', sql.ref('p.node_id')));
  if (q.q) {
    const text = q.q;
    base = base.where((eb) => {
      const ors = [eb('p.name', 'ilike', `%${likeEscape(text)}%`)];
      // The tail of an ID number (4 characters, the last may be X) or of a mobile (4 digits): never more.
      if (/^\d{3}[\dXx]$/.test(text)) ors.push(eb('p.id_masked', 'like', `%${text.toUpperCase()}`));
      if (/^\d{4}$/.test(text)) ors.push(eb('p.mobile', 'like', `%${text}`));
      return eb.or(ors);
    });
  }
  if (q.nodeId !== undefined) {
    const nodeId = q.nodeId;
    base = base.where(
      sql<boolean>`(exists (select 1 from org_closure fc where fc.ancestor_id = ${nodeId} and fc.descendant_id = p.node_id)
        or exists (select 1 from property_company fpc where fpc.node_id = p.node_id and fpc.street_id = ${nodeId}))`,
    );
  }
  if (q.partyStatus) base = base.where('p.party_status', '=', q.partyStatus);
  if (q.tag) base = base.where(sql<boolean>`p.tags @> ${JSON.stringify([q.tag])}::jsonb`);
  if (q.role) {
    const role = q.role;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post as fp')
          .select('fp.id')
          .whereRef('fp.person_id', '=', 'p.id')
          .where('fp.role', '=', role)
          .where(postIsCurrent('fp', today)),
      ),
    );
  }
  let page = base
    .selectAll('p')
    .select(['n.name as node_name', 'po.name as party_org_name', sql<number>`count(*) over ()`.as('total_n')])
    .orderBy('n.name')
    .orderBy('p.name')
    .orderBy('p.id');
  if (!all) page = page.limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const rows = await page.execute();
  const total = rows[0]
    ? Number(rows[0].total_n)
    : Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const ids = rows.map((r) => r.id);
  const posts = ids.length
    ? await postsWithBodies(db).where('ps.person_id', 'in', ids).where(postIsCurrent('ps', today)).orderBy('ps.started_on').execute()
    : [];
  return {
    total,
    items: rows.map((r) => ({
      ...presentPersonRow(r),
      currentPosts: posts
        .filter((p) => p.person_id === r.id)
        .map((p) => ({ id: p.id, role: p.role, roleLabel: roleLabel(p.role), bodyName: p.body_name })),
    })),
  };
}

/** One person in the caller's scope (404 otherwise), with the node and party organisation names. */
export async function findPersonInScope(db: Db, user: CurrentUser, id: number) {
  const row = await db
    .selectFrom('person as p')
    .innerJoin('org_node as n', 'n.id', 'p.node_id')
    .leftJoin('party_org as po', 'po.id', 'p.party_org_id')
    .selectAll('p')
    .select(['n.name as node_name', 'po.name as party_org_name'])
    .where('p.id', '=', id)
    .where(inRegistryScope(user, 'registry.read', sql.ref('p.node_id')))
    .executeTakeFirst();
  if (!row) throw notFound('人员');
  return row;
}

/** A person with every post (current and past) and the bodies they currently serve in. */
export async function getPersonDetail(db: Db, user: CurrentUser, id: number) {
  const today = todayInChina();
  const row = await findPersonInScope(db, user, id);
  const posts: PostRow[] = await postsWithBodies(db)
    .where('ps.person_id', '=', id)
    .orderBy(sql`ps.ended_on is null`, 'desc')
    .orderBy('ps.started_on', 'desc')
    .orderBy('ps.id', 'desc')
    .execute();
  const held = await registryPermissionsAt(db, user, row.node_id);
  const actions: ('update' | 'updateParty' | 'revealMobile' | 'revealIdNumber' | 'managePosts' | 'managePartyPosts')[] = [];
  if (held.has('registry.manage')) actions.push('update', 'managePosts');
  if (held.has('registry.manage') || held.has('party.manage')) actions.push('updateParty');
  if (held.has('party.manage')) actions.push('managePartyPosts');
  if (held.has('contact.reveal') && row.mobile) actions.push('revealMobile');
  if (held.has('idNumber.reveal') && row.id_cipher) actions.push('revealIdNumber');
  return {
    ...presentPersonRow(row),
    posts: posts.map((p) => presentPost(p, today)),
    crossAppointments: crossAppointments(posts, today),
    actions,
  };
}

export async function findPostRow(db: Db, id: number): Promise<PostRow | undefined> {
  return postsWithBodies(db).where('ps.id', '=', id).executeTakeFirst();
}

/** The party organisations in the caller's scope, flat (parentId makes the tree), with member counts and secretary. */
export async function listPartyOrgs(db: Db, user: CurrentUser, nodeId?: number) {
  const today = todayInChina();
  let q = db
    .selectFrom('party_org as o')
    .innerJoin('org_node as n', 'n.id', 'o.node_id')
    .select(['o.id', 'o.street_id', 'o.parent_id', 'o.kind', 'o.name', 'o.node_id', 'n.name as node_name', 'n.kind as node_kind'])
    .select([
      sql<number>`(select count(*) from person m where m.party_org_id = o.id and m.party_status = 'full')`.as('full_members'),
      sql<number>`(select count(*) from person m where m.party_org_id = o.id and m.party_status = 'probationary')`.as(
        'probationary_members',
      ),
      sql<
        number | null
      >`(select s.person_id from post s where s.party_org_id = o.id and s.role = 'partySecretary' and ${postIsCurrent('s', today)} order by s.started_on desc limit 1)`.as(
        'secretary_id',
      ),
    ])
    .where(inRegistryScope(user, 'registry.read', sql.ref('o.node_id')));
  if (nodeId !== undefined) {
    q = q.where(
      sql<boolean>`(exists (select 1 from org_closure fc where fc.ancestor_id = ${nodeId} and fc.descendant_id = o.node_id)
        or exists (select 1 from property_company fpc where fpc.node_id = o.node_id and fpc.street_id = ${nodeId}))`,
    );
  }
  const rows = await q.orderBy('o.parent_id', 'desc').orderBy('o.name').execute();
  const secretaryIds = [...new Set(rows.map((r) => r.secretary_id).filter((x): x is number => x !== null))];
  const names = secretaryIds.length ? await db.selectFrom('person').select(['id', 'name']).where('id', 'in', secretaryIds).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const held = await registryPermissionsForNodes(
    db,
    user,
    rows.map((r) => r.node_id),
  );
  return {
    items: rows.map((r) => {
      const can = held.get(r.node_id)?.has('party.manage') ?? false;
      const actions: ('update' | 'delete' | 'createChild')[] = can ? ['update', 'delete'] : [];
      if (can && r.kind !== 'group') actions.push('createChild');
      return {
        id: r.id,
        streetId: r.street_id,
        parentId: r.parent_id,
        kind: r.kind as PartyOrgKind,
        name: r.name,
        nodeId: r.node_id,
        nodeName: r.node_name,
        nodeKind: r.node_kind,
        fullMembers: Number(r.full_members),
        probationaryMembers: Number(r.probationary_members),
        secretary: r.secretary_id !== null ? { personId: r.secretary_id, name: nameOf.get(r.secretary_id) ?? '' } : null,
        actions,
      };
    }),
  };
}

/**
 * The street's at-a-glance checks for a street or community: every grid's R40 staffing, and the
 * people holding current posts in two or more bodies (双向进入、交叉任职).
 */
export async function registryChecks(db: Db, user: CurrentUser, nodeId: number) {
  await requireAt(db, user, nodeId, 'registry.read', 'registry.read', '节点');
  const node = await db.selectFrom('org_node').select(['id', 'kind']).where('id', '=', nodeId).executeTakeFirstOrThrow();
  if (node.kind !== 'street' && node.kind !== 'community') throw badRequest('只能查看街道或社区的人员配备检查', 'nodeId');
  const today = todayInChina();
  const grids = await db
    .selectFrom('org_node as g')
    .innerJoin('org_closure as c', 'c.descendant_id', 'g.id')
    .innerJoin('org_node as cm', 'cm.id', 'g.parent_id')
    .select(['g.id', 'g.name', 'cm.name as community_name'])
    .where('c.ancestor_id', '=', nodeId)
    .where('g.kind', '=', 'grid')
    // creation order: 第一网格 before 第二网格 (the collation would not know)
    .orderBy('cm.id')
    .orderBy('g.id')
    .execute();
  const gridIds = grids.map((g) => g.id);
  // Current grid posts, and the current secretaries of each grid's party branch (kind 'branch' at the grid).
  const gridPosts = gridIds.length
    ? await db
        .selectFrom('post as ps')
        .innerJoin('person as p', 'p.id', 'ps.person_id')
        .select(['ps.node_id', 'ps.role', 'ps.person_id', 'p.name'])
        .where('ps.node_id', 'in', gridIds)
        .where('ps.role', 'in', ['gridWorker', 'gridLeader', 'residentsGroupLeader'])
        .where(postIsCurrent('ps', today))
        .execute()
    : [];
  const secretaries = gridIds.length
    ? await db
        .selectFrom('post as ps')
        .innerJoin('party_org as o', 'o.id', 'ps.party_org_id')
        .innerJoin('person as p', 'p.id', 'ps.person_id')
        .select(['o.node_id', 'ps.person_id', 'p.name'])
        .where('o.kind', '=', 'branch')
        .where('o.node_id', 'in', gridIds)
        .where('ps.role', '=', 'partySecretary')
        .where(postIsCurrent('ps', today))
        .execute()
    : [];
  const of = (gridId: number, role: string) => gridPosts.filter((p) => p.node_id === gridId && p.role === role);
  const gridResults = grids.map((g) => {
    const workers = of(g.id, 'gridWorker');
    const leaders = of(g.id, 'gridLeader');
    const groupLeaders = of(g.id, 'residentsGroupLeader');
    const secs = secretaries.filter((s) => s.node_id === g.id);
    // R40: ≥1 grid worker; branch secretary = residents'-group leader = grid leader ("一人兼").
    const check = checkGrid({
      gridId: g.id,
      gridName: g.name,
      gridWorkerIds: workers.map((p) => p.person_id),
      gridLeaderIds: leaders.map((p) => p.person_id),
      residentsGroupLeaderIds: groupLeaders.map((p) => p.person_id),
      branchSecretaryIds: secs.map((p) => p.person_id),
    });
    return {
      ...check,
      communityName: g.community_name,
      gridWorkers: workers.map((p) => p.name),
      gridLeaders: leaders.map((p) => p.name),
      residentsGroupLeaders: groupLeaders.map((p) => p.name),
      branchSecretaries: secs.map((p) => p.name),
    };
  });

  // 双向进入、交叉任职: current posts held below the node, grouped by person, ≥2 distinct bodies.
  const posts = await postsWithBodies(db)
    .innerJoin('person as p', 'p.id', 'ps.person_id')
    .select('p.name as person_name')
    .where(sql<boolean>`exists (select 1 from org_closure xc where xc.ancestor_id = ${nodeId} and xc.descendant_id = ps.node_id)`)
    .where(postIsCurrent('ps', today))
    .orderBy('p.name')
    .orderBy('ps.person_id')
    .orderBy('ps.started_on')
    .execute();
  const byPerson = new Map<number, typeof posts>();
  for (const p of posts) byPerson.set(p.person_id, [...(byPerson.get(p.person_id) ?? []), p]);
  const cross = [...byPerson.values()]
    .filter((ps) => new Set(ps.map((p) => (p.party_org_id !== null ? `o${p.party_org_id}` : `n${p.node_id}`))).size >= 2)
    .map((ps) => ({
      personId: ps[0]!.person_id,
      name: ps[0]!.person_name,
      posts: ps.map((p) => ({ role: p.role, roleLabel: roleLabel(p.role), bodyName: p.body_name })),
    }));
  return {
    grids: gridResults,
    crossAppointments: cross,
    summary: {
      grids: gridResults.length,
      gridsWithoutWorker: gridResults.filter((g) => !g.hasGridWorker).length,
      gridsNotOneHoldsAll: gridResults.filter((g) => !g.oneHoldsAll).length,
      crossAppointments: cross.length,
    },
  };
}

/** registryPermissionsAt for a whole list of nodes in two queries (a company adds its street's permissions). */
async function registryPermissionsForNodes(db: Db, user: CurrentUser, nodeIds: number[]): Promise<Map<number, Set<Permission>>> {
  const unique = [...new Set(nodeIds)];
  if (unique.length === 0) return new Map();
  const companies = await db.selectFrom('property_company').select(['node_id', 'street_id']).where('node_id', 'in', unique).execute();
  const held = await permissionsAt(db, user, [...unique, ...companies.map((c) => c.street_id)]);
  const out = new Map<number, Set<Permission>>();
  for (const id of unique) out.set(id, new Set(held.get(id) ?? []));
  for (const c of companies) for (const p of held.get(c.street_id) ?? []) out.get(c.node_id)!.add(p);
  return out;
}
