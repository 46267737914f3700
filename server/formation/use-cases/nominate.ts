import type { z } from 'zod';
import { countSigners, JOINT_NOMINATION_MIN_OWNERS } from '../../../core/formation.js';
import { headKey, type RollUnit } from '../../../core/registry.js';
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { placeOf } from '../profile.js';
import { runStep } from '../run-step.js';
import type { nominateBody } from '../schema.js';

/** For each person, the R3 head keys of the units they currently own in the estate. */
export async function headKeysOf(trx: Db | Trx, estateId: number, personIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return out;
  const theirs = await trx
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select(['o.unit_id'])
    .distinct()
    .where('o.person_id', 'in', personIds)
    .where('o.ended_on', 'is', null)
    .where('u.estate_id', '=', estateId)
    .execute();
  const unitIds = theirs.map((t) => t.unit_id);
  if (unitIds.length === 0) return out;
  const rows = await trx
    .selectFrom('ownership as o')
    .innerJoin('unit as u', 'u.id', 'o.unit_id')
    .select(['o.unit_id', 'o.person_id', 'o.designated_voter', 'u.developer_stock', 'u.area_centi'])
    .where('o.unit_id', 'in', unitIds)
    .where('o.ended_on', 'is', null)
    .execute();
  const units = new Map<number, RollUnit>();
  for (const r of rows) {
    const u = units.get(r.unit_id) ?? {
      unitId: r.unit_id,
      areaCenti: r.area_centi,
      developerStock: r.developer_stock,
      ownerIds: [],
      voterId: null,
    };
    (u.ownerIds as number[]).push(r.person_id);
    if (r.designated_voter) u.voterId = r.person_id;
    units.set(r.unit_id, u);
  }
  for (const u of units.values()) {
    // Developer stock is not an owner's signature (R3 counts it as the developer's one head).
    if (u.developerStock) continue;
    const key = headKey(u);
    for (const p of u.ownerIds) out.get(p)?.push(key);
  }
  return out;
}

/**
 * R28: a candidate put forward by self-nomination, the community party organisation, the
 * residents' committee, or jointly by ≥10 distinct owners of the estate (by R3 head: co-owners of
 * one unit are one owner, an owner of two units signs once). Owner representatives must own a unit
 * in the estate.
 */
export function nominate(ctx: ActionContext & { actor: CurrentUser }, caseId: number, input: z.output<typeof nominateBody>) {
  return runStep(
    ctx,
    caseId,
    'nominate',
    async ({ trx, c }) => {
      const { street } = await placeOf(trx, c.estate_id);
      const person = await trx.selectFrom('person').select(['id', 'name', 'street_id']).where('id', '=', input.personId).executeTakeFirst();
      if (!person || person.street_id !== street?.id) throw badRequest('候选人不在本街道的人员登记中，请先登记人员', 'personId');
      const dup = await trx
        .selectFrom('nomination')
        .select('id')
        .where('case_id', '=', c.id)
        .where('person_id', '=', person.id)
        .executeTakeFirst();
      if (dup) throw conflict(`${person.name}已被推荐，不能重复登记`);
      const keys = await headKeysOf(trx, c.estate_id, [person.id, ...input.signerIds]);
      if (input.ownerRepresentative && (keys.get(person.id) ?? []).length === 0)
        throw badRequest(`${person.name}不是本小区的现业主，不能作为业主代表候选人（R28）`, 'personId');
      if (input.channel === 'jointOwners') {
        const counted = countSigners(input.signerIds.map((id) => ({ personId: id, headKeys: keys.get(id) ?? [] })));
        if (counted.duplicates.length > 0) throw badRequest('联名名单中有同一业主重复签名，请删除重复签名（R28）', 'signerIds');
        if (counted.notOwners.length > 0) {
          const names = await trx.selectFrom('person').select('name').where('id', 'in', counted.notOwners).execute();
          throw badRequest(`联名人${names.map((n) => n.name).join('、')}不是本小区的现业主（R28）`, 'signerIds');
        }
        if (counted.distinct < JOINT_NOMINATION_MIN_OWNERS)
          throw badRequest(
            `联名推荐须由十名以上本小区业主共同提出（R28），按业主计（共有一户、一人多户均计一人）目前为${counted.distinct}名`,
            'signerIds',
          );
      } else if (input.signerIds.length > 0) throw badRequest('只有业主联名推荐需要填写联名业主', 'signerIds');
      const n = await trx
        .insertInto('nomination')
        .values({
          case_id: c.id,
          person_id: person.id,
          channel: input.channel,
          owner_representative: input.ownerRepresentative,
          statement: input.statement ?? null,
          created_by: ctx.actor.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.signerIds.length > 0)
        await trx
          .insertInto('nomination_signer')
          .values(input.signerIds.map((person_id) => ({ nomination_id: n.id, person_id })))
          .execute();
      return n;
    },
    (n) => ({ nominationId: n.id, personId: n.person_id, channel: n.channel }),
  );
}
