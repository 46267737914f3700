import { sql } from 'kysely';
import type { z } from 'zod';
import { formatArea } from '../../core/area.js';
import { countRoll, type RollUnit } from '../../core/registry.js';
import type { Permission } from '../../core/access.js';
import { permissionsAt, requireAt } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import { naturalOrder } from '../org/natural-order.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { presentCounts, presentOwnership, unitActions, type OwnershipRow } from './present.js';
import type { rollQuery } from './schema.js';

const ownershipColumns = [
  'o.id',
  'o.unit_id',
  'o.person_id',
  'o.basis',
  'o.share',
  'o.designated_voter',
  'o.started_on',
  'o.ended_on',
  'p.kind as person_kind',
  'p.name as person_name',
  'p.id_masked as person_id_masked',
  'p.mobile as person_mobile',
] as const;

/** A unit as the roll shows it (unit joined with its building `b`). */
const rollUnitColumns = [
  'u.id',
  'u.building_id',
  'b.name as building_name',
  'u.entrance',
  'u.number',
  'u.floor',
  'u.kind',
  'u.area_centi',
  'u.area_source',
  'u.developer_stock',
  'u.fee_status',
  'u.fee_arrears_since',
  'u.fee_arrears_fen',
] as const;

/** Current owners of the given units (tenure not ended), in a stable order. */
export async function currentOwnerships(db: Db, unitIds: number[]): Promise<Map<number, OwnershipRow[]>> {
  const out = new Map<number, OwnershipRow[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('ownership as o')
    .innerJoin('person as p', 'p.id', 'o.person_id')
    .select(ownershipColumns)
    .where('o.unit_id', 'in', unitIds)
    .where('o.ended_on', 'is', null)
    .orderBy('o.unit_id')
    .orderBy('o.designated_voter', 'desc')
    .orderBy('o.id')
    .execute();
  for (const r of rows) {
    let list = out.get(r.unit_id);
    if (!list) out.set(r.unit_id, (list = []));
    list.push(r);
  }
  return out;
}

/**
 * The estate, checked readable for the roll (404 otherwise). A grid worker's scope reaches the
 * buildings of their grid, not the whole estate: they get the roll of those buildings only.
 */
async function estateFor(db: Db, user: CurrentUser, estateId: number) {
  const estate = await db.selectFrom('org_node').select(['id', 'name', 'kind']).where('id', '=', estateId).executeTakeFirst();
  const atEstate = (await permissionsAt(db, user, [estateId])).get(estateId) ?? new Set<Permission>();
  if (estate && atEstate.has('registry.read')) {
    if (estate.kind !== 'estate') throw badRequest('业主名册按小区查看，请选择一个小区', 'estateId');
    return { estate, held: atEstate, buildings: null };
  }
  const buildings = estate
    ? await db.selectFrom('org_node').select('id').where('parent_id', '=', estate.id).where('kind', '=', 'building').execute()
    : [];
  const held = await permissionsAt(
    db,
    user,
    buildings.map((b) => b.id),
  );
  const visible = buildings.filter((b) => held.get(b.id)?.has('registry.read')).map((b) => b.id);
  if (!estate || visible.length === 0) throw notFound('小区');
  const first = held.get(visible[0]!)!;
  return { estate, held: first, buildings: visible };
}

/**
 * The owner roll of an estate (or of some of its buildings, R5) with the R3 totals next to the
 * naive unit count. Counts cover the whole scope; the item list is filtered and paged.
 */
export async function getRoll(db: Db, user: CurrentUser, q: z.output<typeof rollQuery>) {
  const { estate, held, buildings } = await estateFor(db, user, q.estateId);
  let unitQuery = db
    .selectFrom('unit as u')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select(rollUnitColumns)
    .where('u.estate_id', '=', estate.id)
    // natural order (core/ordering.ts): 1号楼, 2号楼, 10号楼 — not 10号楼 before 1号楼
    .orderBy(naturalOrder(sql.ref('b.name')))
    .orderBy(naturalOrder(sql.ref('u.entrance')))
    .orderBy(naturalOrder(sql.ref('u.number')))
    .orderBy('u.id');
  if (q.buildingIds) unitQuery = unitQuery.where('u.building_id', 'in', q.buildingIds);
  if (buildings) unitQuery = unitQuery.where('u.building_id', 'in', buildings);
  const units = await unitQuery.execute();
  const owners = await currentOwnerships(
    db,
    units.map((u) => u.id),
  );

  const roll: RollUnit[] = units.map((u) => {
    const os = owners.get(u.id) ?? [];
    return {
      unitId: u.id,
      areaCenti: u.area_centi,
      developerStock: u.developer_stock,
      ownerIds: os.map((o) => o.person_id),
      voterId: os.find((o) => o.designated_voter)?.person_id ?? null,
    };
  });
  const counts = countRoll(roll);

  const needle = q.q?.toLowerCase();
  const filtered = units.filter((u, i) => {
    const os = owners.get(u.id) ?? [];
    const r = roll[i]!;
    if (q.filter === 'unowned' && (os.length > 0 || u.developer_stock)) return false;
    if (q.filter === 'coOwnedWithoutVoter' && !(r.ownerIds.length > 1 && r.voterId == null && !u.developer_stock)) return false;
    if (q.filter === 'arrears' && u.fee_status !== 'arrears') return false;
    if (q.filter === 'developerStock' && !u.developer_stock) return false;
    if (!needle) return true;
    return (
      `${u.building_name}${u.entrance}${u.number}`.toLowerCase().includes(needle) ||
      os.some((o) => o.person_name.toLowerCase().includes(needle) || (o.person_mobile ?? '').endsWith(needle))
    );
  });
  const page = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const actions = unitActions(held);
  return {
    estate: { id: estate.id, name: estate.name },
    counts: presentCounts(counts),
    total: filtered.length,
    items: page.map((u) => presentRollUnit(u, owners.get(u.id) ?? [], actions)),
  };
}

type RollUnitRow = {
  id: number;
  building_id: number;
  building_name: string;
  entrance: string;
  number: string;
  floor: number | null;
  kind: string;
  area_centi: number;
  area_source: string;
  developer_stock: boolean;
  fee_status: string;
  fee_arrears_since: string | null;
  fee_arrears_fen: number | null;
};

export function presentRollUnit(u: RollUnitRow, owners: OwnershipRow[], actions: string[]) {
  return {
    id: u.id,
    buildingId: u.building_id,
    buildingName: u.building_name,
    entrance: u.entrance,
    number: u.number,
    floor: u.floor,
    kind: u.kind,
    area: formatArea(u.area_centi),
    areaSource: u.area_source,
    developerStock: u.developer_stock,
    feeStatus: u.fee_status,
    feeArrearsSince: u.fee_arrears_since,
    feeArrears: u.fee_arrears_fen == null ? null : formatArea(u.fee_arrears_fen),
    owners: owners.map((o) => presentOwnership(o)),
    actions,
  };
}

/** One unit with its current owners, its ownership history and the accounts bound to its owners. */
export async function getUnitOwnership(db: Db, user: CurrentUser, unitId: number) {
  const unit = await db
    .selectFrom('unit as u')
    .innerJoin('org_node as b', 'b.id', 'u.building_id')
    .select([...rollUnitColumns, 'u.estate_id'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw badRequest('房屋不存在', 'id');
  const held = await requireAt(db, user, unit.building_id, 'registry.read', 'registry.read', '房屋');
  const all = await db
    .selectFrom('ownership as o')
    .innerJoin('person as p', 'p.id', 'o.person_id')
    .select(ownershipColumns)
    .where('o.unit_id', '=', unitId)
    .orderBy('o.started_on', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
  const current = all
    .filter((o) => o.ended_on == null)
    .sort((a, b) => Number(b.designated_voter) - Number(a.designated_voter) || a.id - b.id);
  const personIds = current.map((o) => o.person_id);
  const bindings =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('owner_binding as ob')
          .innerJoin('account as a', 'a.id', 'ob.account_id')
          .select(['ob.account_id', 'a.username', 'ob.person_id', 'ob.method', 'ob.verified_at'])
          .where('ob.person_id', 'in', personIds)
          .execute();
  return {
    ...presentRollUnit(unit, current, unitActions(held)),
    estateId: unit.estate_id,
    history: all.filter((o) => o.ended_on != null).map((o) => presentOwnership(o)),
    bindings: bindings.map((b) => ({
      accountId: b.account_id,
      username: b.username,
      personId: b.person_id,
      method: b.method,
      verifiedAt: new Date(b.verified_at).toISOString(),
    })),
  };
}

/** The caller's own units through their verified bindings (R3: one head, summed area). */
export async function getMyUnits(db: Db, user: CurrentUser) {
  const persons = await db
    .selectFrom('owner_binding as ob')
    .innerJoin('person as p', 'p.id', 'ob.person_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.id_masked', 'p.mobile'])
    .where('ob.account_id', '=', user.id)
    .execute();
  const personIds = persons.map((p) => p.id);
  const mine =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('ownership as o')
          .innerJoin('unit as u', 'u.id', 'o.unit_id')
          .innerJoin('org_node as b', 'b.id', 'u.building_id')
          .innerJoin('org_node as e', 'e.id', 'u.estate_id')
          .select([
            'o.unit_id',
            'o.person_id',
            'o.started_on',
            'u.estate_id',
            'e.name as estate_name',
            'b.name as building_name',
            'u.entrance',
            'u.number',
            'u.area_centi',
          ])
          .where('o.person_id', 'in', personIds)
          .where('o.ended_on', 'is', null)
          .orderBy(naturalOrder(sql.ref('e.name')))
          .orderBy(naturalOrder(sql.ref('b.name')))
          .orderBy(naturalOrder(sql.ref('u.entrance')))
          .orderBy(naturalOrder(sql.ref('u.number')))
          .execute();
  const owners = await currentOwnerships(
    db,
    mine.map((m) => m.unit_id),
  );
  const seen = new Set<number>();
  const units = [];
  let total = 0;
  for (const m of mine) {
    if (seen.has(m.unit_id)) continue;
    seen.add(m.unit_id);
    total += m.area_centi;
    const os = owners.get(m.unit_id) ?? [];
    const voter = os.find((o) => o.designated_voter);
    units.push({
      id: m.unit_id,
      estateId: m.estate_id,
      estateName: m.estate_name,
      buildingName: m.building_name,
      entrance: m.entrance,
      number: m.number,
      area: formatArea(m.area_centi),
      coOwners: os
        .filter((o) => !personIds.includes(o.person_id))
        .map((o) => ({ name: o.person_name, designatedVoter: o.designated_voter })),
      iVote: voter ? personIds.includes(voter.person_id) : os.length === 1,
      startedOn: m.started_on,
    });
  }
  return {
    bound: persons.length > 0,
    // The owner's own view: their mobile unmasked (issue 3).
    persons: persons.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      idNumberMasked: p.id_masked,
      mobileMasked: p.mobile,
      mobile: p.mobile,
    })),
    units,
    totalArea: formatArea(total),
  };
}
