/**
 * Reading 调查摸底 and 分类管理 (issue 18 §1).
 *
 * For dashboards: `estateClasses(db, scopeNodeIds)` returns, for every estate under any of
 * `scopeNodeIds` (street, community, district or estate nodes), one row
 * `{ estateId, streetId, communityId, classCode, classLabel, reason, overridden, pilot }`, the class
 * being the one core/survey.ts `classify` gives over the estate's governance status, its latest
 * survey and the street's override — the same rule the classification page shows. Count estates per
 * class from these rows; do not recompute the rule elsewhere. It checks no permission: the caller
 * passes nodes already within the user's scope (e.g. `scopeRoots(user, 'governance.read')`).
 * `streetClasses(db, streetIds)` gives each street's classes (label, measures) in their order.
 */
import { sql } from 'kysely';
import { GOVERNANCE_REASON_LABEL, GOVERNANCE_STATUS_LABEL, type GovernanceStatusCode } from '../../core/formation.js';
import { classify, DEFAULT_CLASSES, type EstateClassDef } from '../../core/survey.js';
import { permissionsAt, reachesEstate, requireAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { sdb } from './tables.js';

export interface EstateClassRow {
  estateId: number;
  streetId: number;
  communityId: number | null;
  classCode: string;
  classLabel: string;
  reason: string;
  overridden: boolean;
  pilot: boolean;
}

/** Each street's classes in their order; a street that never edited them has the defaults. */
export async function streetClasses(db: Db | Trx, streetIds: number[]): Promise<Map<number, EstateClassDef[]>> {
  const out = new Map<number, EstateClassDef[]>();
  const ids = [...new Set(streetIds)];
  const rows = ids.length
    ? await sdb(db)
        .selectFrom('estate_class')
        .select(['street_id', 'code', 'label', 'measures', 'rule'])
        .where('street_id', 'in', ids)
        .orderBy('street_id')
        .orderBy('position')
        .execute()
    : [];
  for (const id of ids) {
    const mine = rows.filter((r) => r.street_id === id);
    out.set(id, mine.length ? mine.map((r) => ({ code: r.code, label: r.label, measures: r.measures, rule: r.rule })) : DEFAULT_CLASSES);
  }
  return out;
}

/** The facts the rules read, for the estates under `scopeNodeIds` (or exactly `estateIds`). */
async function estateFacts(db: Db | Trx, where: { scopeNodeIds?: number[]; estateIds?: number[] }) {
  let q = sdb(db)
    .selectFrom('org_node as e')
    .innerJoin('org_closure as sc', (j) => j.onRef('sc.descendant_id', '=', 'e.id'))
    .innerJoin('org_node as st', (j) => j.onRef('st.id', '=', 'sc.ancestor_id').on('st.kind', '=', 'street'))
    .leftJoin('estate_governance as g', 'g.estate_id', 'e.id')
    .leftJoin('estate_class_override as o', 'o.estate_id', 'e.id')
    .leftJoin('estate_pilot as p', 'p.estate_id', 'e.id')
    .select((eb) => [
      'e.id',
      'e.name',
      'e.parent_id',
      'st.id as street_id',
      'g.status',
      'g.reason',
      'o.class_code',
      'o.reason as override_reason',
      'p.reason as pilot_reason',
      eb
        .selectFrom('estate_survey as s')
        .select('s.answers')
        .whereRef('s.estate_id', '=', 'e.id')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('answers'),
      eb
        .selectFrom('estate_survey as s')
        .select(sql<string>`to_char(s.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('d'))
        .whereRef('s.estate_id', '=', 'e.id')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('surveyed_on'),
    ])
    .where('e.kind', '=', 'estate');
  if (where.estateIds) q = q.where('e.id', 'in', where.estateIds.length ? where.estateIds : [0]);
  if (where.scopeNodeIds)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_closure as x')
          .select('x.depth')
          .whereRef('x.descendant_id', '=', 'e.id')
          .where('x.ancestor_id', 'in', where.scopeNodeIds!.length ? where.scopeNodeIds! : [0]),
      ),
    );
  const rows = await q.orderBy('e.id').execute();
  const classes = await streetClasses(
    db,
    rows.map((r) => r.street_id),
  );
  return rows.map((r) => {
    const status = (r.status ?? 'pending') as GovernanceStatusCode;
    const c = classify(
      classes.get(r.street_id)!,
      { status, reason: r.reason ?? null, survey: r.answers ?? null },
      r.class_code ? { classCode: r.class_code, reason: r.override_reason! } : null,
    );
    return { row: r, status, ...c };
  });
}

/** For dashboards: every estate under the nodes with its class (see the top of this file). */
export async function estateClasses(db: Db, scopeNodeIds: number[]): Promise<EstateClassRow[]> {
  const facts = await estateFacts(db, { scopeNodeIds });
  return facts.map((f) => ({
    estateId: f.row.id,
    streetId: f.row.street_id,
    communityId: f.row.parent_id,
    classCode: f.classCode,
    classLabel: f.classLabel,
    reason: f.reason,
    overridden: f.overridden,
    pilot: f.row.pilot_reason !== null,
  }));
}

/** One estate's class (after a change, inside its transaction). */
export async function classOfEstate(db: Db | Trx, estateId: number) {
  const [f] = await estateFacts(db, { estateIds: [estateId] });
  if (!f) throw notFound('小区');
  return { classCode: f.classCode, classLabel: f.classLabel, reason: f.reason, overridden: f.overridden };
}

/** The street an estate or community belongs to. */
export async function streetOf(db: Db | Trx, nodeId: number): Promise<number | null> {
  const r = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as s', 's.id', 'c.ancestor_id')
    .select('s.id')
    .where('c.descendant_id', '=', nodeId)
    .where('s.kind', '=', 'street')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * The classification page: the estates in the caller's scope (under `nodeId` if given) with class,
 * reason, override and pilot; the street's classes with their measures when the view lies within one
 * street; the pilots.
 */
export async function classification(db: Db, user: CurrentUser, nodeId?: number) {
  if (nodeId) await requireAt(db, user, nodeId, 'governance.read', 'governance.read', '范围');
  const visible = await db
    .selectFrom('org_node as e')
    .select('e.id')
    .where('e.kind', '=', 'estate')
    .where(reachesEstate(user, 'governance.read', sql.ref('e.id')))
    .execute();
  const ids = visible.map((v) => v.id);
  const facts = await estateFacts(db, { estateIds: ids, scopeNodeIds: nodeId ? [nodeId] : undefined });
  const communities = new Map(
    (ids.length
      ? await db
          .selectFrom('org_node as e')
          .innerJoin('org_node as c', 'c.id', 'e.parent_id')
          .select(['e.id', 'c.name'])
          .where('e.id', 'in', ids)
          .execute()
      : []
    ).map((r) => [r.id, r.name]),
  );
  const streetIds = [...new Set(facts.map((f) => f.row.street_id))];
  const singleStreet = streetIds.length === 1 ? streetIds[0]! : nodeId ? await streetOf(db, nodeId) : null;
  const held = singleStreet ? (await permissionsAt(db, user, [singleStreet])).get(singleStreet) : undefined;
  const classes = singleStreet ? (await streetClasses(db, [singleStreet])).get(singleStreet)! : null;
  const estates = facts.map((f) => ({
    id: f.row.id,
    name: f.row.name,
    communityName: communities.get(f.row.id) ?? '',
    status: f.status,
    statusLabel: GOVERNANCE_STATUS_LABEL[f.status],
    surveyedOn: f.row.surveyed_on ?? null,
    classCode: f.classCode,
    classLabel: f.classLabel,
    reason: f.reason,
    overridden: f.overridden,
    pilot: f.row.pilot_reason !== null,
    pilotReason: f.row.pilot_reason ?? null,
  }));
  return {
    streetId: singleStreet,
    classes,
    canManage: held?.has('classification.manage') ?? false,
    estates,
    pilots: estates.filter((e) => e.pilot),
    counts: (classes ?? []).map((c) => ({ code: c.code, label: c.label, estates: estates.filter((e) => e.classCode === c.code).length })),
  };
}

/** What the platform already knows of an estate, so the community confirms rather than types. */
async function known(db: Db, estateId: number, today: string) {
  const contract = await db
    .selectFrom('service_contract as sc')
    .innerJoin('org_node as c', 'c.id', 'sc.company_id')
    .leftJoin('property_company as pc', 'pc.node_id', 'sc.company_id')
    .select([
      'c.id',
      'c.name',
      'sc.party_org_id',
      'sc.party_instructor_id',
      'pc.party_org_id as company_org',
      'pc.party_instructor_id as company_instr',
    ])
    .where('sc.estate_id', '=', estateId)
    .where('sc.started_on', '<=', today)
    .where((eb) => eb.or([eb('sc.ended_on', 'is', null), eb('sc.ended_on', '>=', today)]))
    .orderBy('sc.started_on', 'desc')
    .executeTakeFirst();
  const linked = contract
    ? undefined
    : await db
        .selectFrom('company_estate as ce')
        .innerJoin('org_node as c', 'c.id', 'ce.company_id')
        .leftJoin('property_company as pc', 'pc.node_id', 'ce.company_id')
        .select(['c.id', 'c.name', 'pc.party_org_id as company_org', 'pc.party_instructor_id as company_instr'])
        .where('ce.estate_id', '=', estateId)
        .executeTakeFirst();
  const co = contract ?? (linked ? { ...linked, party_org_id: null, party_instructor_id: null } : undefined);
  const orgId = co ? (co.party_org_id ?? co.company_org) : null;
  const instructorId = co ? (co.party_instructor_id ?? co.company_instr) : null;
  const org = orgId ? await db.selectFrom('party_org').select('name').where('id', '=', orgId).executeTakeFirst() : undefined;
  const instructor = instructorId
    ? await db.selectFrom('person').select('name').where('id', '=', instructorId).executeTakeFirst()
    : undefined;
  const gridWorkers = await db
    .selectFrom('post as ps')
    .innerJoin('person as p', 'p.id', 'ps.person_id')
    .innerJoin('org_node as g', 'g.id', 'ps.node_id')
    .select(['p.name', 'g.name as grid'])
    .distinct()
    .where('ps.role', '=', 'gridWorker')
    .where('ps.started_on', '<=', today)
    .where((eb) => eb.or([eb('ps.ended_on', 'is', null), eb('ps.ended_on', '>', today)]))
    .where('ps.node_id', 'in', (eb) =>
      eb
        .selectFrom('org_node as b')
        .select('b.grid_id')
        .where('b.parent_id', '=', estateId)
        .where('b.kind', '=', 'building')
        .where('b.grid_id', 'is not', null),
    )
    .orderBy('g.name')
    .orderBy('p.name')
    .execute();
  const oc = await db
    .selectFrom('owners_committee')
    .select(['produced_on', 'term_end', 'members'])
    .where('estate_id', '=', estateId)
    .orderBy('produced_on', 'desc')
    .executeTakeFirst();
  return {
    company: co ? { name: co.name, partyOrg: org?.name ?? null, instructor: instructor?.name ?? null } : null,
    gridWorkers,
    ownersCommittee: oc
      ? { producedOn: oc.produced_on, termEnd: oc.term_end, members: Array.isArray(oc.members) ? oc.members.length : 0 }
      : null,
  };
}

/** The survey page of an estate: what is known, the form prefilled, every survey kept, the class. */
export async function surveyPage(db: Db, user: CurrentUser, estateId: number, today: string) {
  // a grid worker reads the estates his grid's buildings belong to (issue 13)
  const estate = await db
    .selectFrom('org_node as e')
    .leftJoin('org_node as c', 'c.id', 'e.parent_id')
    .select(['e.id', 'e.name', 'e.kind', 'c.name as community_name'])
    .where('e.id', '=', estateId)
    .where(reachesEstate(user, 'governance.read', sql.ref('e.id')))
    .executeTakeFirst();
  if (!estate) throw notFound('小区');
  const held = (await permissionsAt(db, user, [estateId])).get(estateId) ?? new Set();
  if (estate.kind !== 'estate') throw badRequest('调查摸底按小区填报', 'id');
  const gov = await db.selectFrom('estate_governance').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
  const status = (gov?.status ?? 'pending') as GovernanceStatusCode;
  const history = await sdb(db)
    .selectFrom('estate_survey as s')
    .leftJoin('account as a', 'a.id', 's.created_by')
    .select(['s.id', 's.answers', 's.status', 's.reason', 's.governance_applied', 's.created_at', 'a.display_name'])
    .where('s.estate_id', '=', estateId)
    .orderBy('s.id', 'desc')
    .execute();
  const k = await known(db, estateId, today);
  const last = history[0]?.answers;
  const hasCommittee = status === 'ownersCommittee' || status === 'committeeExpired';
  const prefill = {
    ownersCommittee:
      last?.ownersCommittee ?? (status === 'ownersCommittee' ? 'running' : status === 'committeeExpired' ? 'expired' : 'none'),
    committeeSeats: last?.committeeSeats ?? (hasCommittee && k.ownersCommittee ? k.ownersCommittee.members : null),
    committeeMembers: hasCommittee && k.ownersCommittee ? k.ownersCommittee.members : (last?.committeeMembers ?? null),
    committeeTermStart: gov?.committee_term_start ?? last?.committeeTermStart ?? null,
    committeeTermEnd: gov?.committee_term_end ?? k.ownersCommittee?.termEnd ?? last?.committeeTermEnd ?? null,
    assemblyHeld: last?.assemblyHeld ?? (hasCommittee || gov?.reason === 'noCommitteeElected'),
    assemblyConditions: last?.assemblyConditions ?? gov?.reason === 'trulyDifficult',
    assemblyDifficulty: last?.assemblyDifficulty ?? null,
    singleOwner: last?.singleOwner ?? status === 'notNeeded',
    companyName: k.company?.name ?? last?.companyName ?? null,
    companyParty: k.company ? (k.company.partyOrg ? 'established' : k.company.instructor ? 'instructor' : 'none') : 'noCompany',
    gridWorkers: k.gridWorkers.length ? [...new Set(k.gridWorkers.map((g) => g.name))] : (last?.gridWorkers ?? []),
    problems: last?.problems ?? [],
    problemNote: last?.problemNote ?? null,
  };
  return {
    estate: { id: estate.id, name: estate.name, communityName: estate.community_name },
    governance: {
      status,
      statusLabel: GOVERNANCE_STATUS_LABEL[status],
      reason: gov?.reason ?? null,
      reasonLabel: gov?.reason ? GOVERNANCE_REASON_LABEL[gov.reason] : null,
      decidedByFormation: status === 'formingPmc' || status === 'pmcRunning',
    },
    class: await classOfEstate(db, estateId),
    known: k,
    prefill,
    canFill: held.has('survey.fill'),
    history: history.map((h) => ({
      id: h.id,
      at: new Date(h.created_at).toISOString(),
      by: h.display_name ?? '',
      status: h.status,
      statusLabel: GOVERNANCE_STATUS_LABEL[h.status],
      reasonLabel: h.reason ? GOVERNANCE_REASON_LABEL[h.reason] : null,
      governanceApplied: h.governance_applied,
      answers: h.answers,
    })),
  };
}
