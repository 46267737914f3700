import { sql } from 'kysely';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { inTransaction, type Trx } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';

/** A contract is current on `today` when it has started and has not ended (the end date is its last day). */
export const currentOn = (today: string, alias = 'sc') =>
  sql<boolean>`(${sql.ref(`${alias}.started_on`)} <= ${today} and (${sql.ref(`${alias}.ended_on`)} is null or ${sql.ref(`${alias}.ended_on`)} >= ${today}))`;

/**
 * Keeps `company_estate` — and with it the closure that gives property staff their scope — equal
 * to the service contracts current today, for the given company/estate pairs. A pair without any
 * contract is left alone (links entered before contracts were recorded).
 */
export async function syncServedEstates(trx: Trx, pairs: { companyId: number; estateId: number }[], today = todayInChina()) {
  const changed = new Set<number>();
  for (const { companyId, estateId } of pairs) {
    const contracts = await trx
      .selectFrom('service_contract as sc')
      .select(currentOn(today).as('current'))
      .where('sc.company_id', '=', companyId)
      .where('sc.estate_id', '=', estateId)
      .execute();
    if (contracts.length === 0) continue;
    const shouldServe = contracts.some((c) => c.current);
    const link = await trx
      .selectFrom('company_estate')
      .select('estate_id')
      .where('company_id', '=', companyId)
      .where('estate_id', '=', estateId)
      .executeTakeFirst();
    if (shouldServe && !link) {
      await trx.insertInto('company_estate').values({ company_id: companyId, estate_id: estateId }).execute();
    } else if (!shouldServe && link) {
      await trx.deleteFrom('company_estate').where('company_id', '=', companyId).where('estate_id', '=', estateId).execute();
    } else continue;
    changed.add(companyId);
    changed.add(estateId);
  }
  if (changed.size > 0) await rebuildClosure(trx, [...changed]);
  return changed.size > 0;
}

/**
 * The daily pass: contracts start and end by date, so once a day every company/estate pair with a
 * contract is brought in line with today (idempotent; nothing changes on most days).
 */
export async function refreshServedEstates(db: Db, today = todayInChina()): Promise<boolean> {
  const pairs = await db.selectFrom('service_contract').select(['company_id as companyId', 'estate_id as estateId']).distinct().execute();
  if (pairs.length === 0) return false;
  return inTransaction(db, (trx) => syncServedEstates(trx, pairs, today));
}
