import { countRoll, headKey, type RollUnit } from '../../core/registry.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

/**
 * The estate's roll today as R3 counts it (parking spaces not counted, R6 default): every unit with
 * its head key, and the totals N_T and A_T. An owner evaluates once for each head they belong to.
 */
export async function estateRoll(db: Db | Trx, estateId: number) {
  const units = await db
    .selectFrom('unit as u')
    .select(['u.id', 'u.area_centi', 'u.developer_stock'])
    .where('u.estate_id', '=', estateId)
    .where('u.kind', '<>', 'parking')
    .execute();
  const owners = units.length
    ? await db
        .selectFrom('ownership')
        .select(['unit_id', 'person_id', 'designated_voter'])
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .where('ended_on', 'is', null)
        .execute()
    : [];
  const roll: (RollUnit & { head: string })[] = units.map((u) => {
    const os = owners.filter((o) => o.unit_id === u.id);
    const r: RollUnit = {
      unitId: u.id,
      areaCenti: Number(u.area_centi),
      developerStock: u.developer_stock,
      ownerIds: os.map((o) => o.person_id),
      voterId: os.find((o) => o.designated_voter)?.person_id ?? null,
    };
    return { ...r, head: headKey(r) };
  });
  const counts = countRoll(roll);
  return { roll, totals: { heads: counts.heads, areaCenti: counts.areaCenti } };
}

/** The heads (R3) the given persons belong to, each with its units' area. */
export function headsOf(roll: Awaited<ReturnType<typeof estateRoll>>['roll'], personIds: readonly number[]) {
  const heads = new Map<string, { areaCenti: number; units: number; personId: number }>();
  for (const u of roll) {
    if (u.developerStock) continue;
    const mine = u.ownerIds.find((p) => personIds.includes(p));
    if (mine == null) continue;
    const h = heads.get(u.head) ?? { areaCenti: 0, units: 0, personId: mine };
    h.areaCenti += u.areaCenti;
    h.units += 1;
    heads.set(u.head, h);
  }
  return heads;
}
