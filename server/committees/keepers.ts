import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { kdb } from './tables.js';

/** The community staff over an estate, and the committee's director: who answers for the committee's deadlines. */
export async function keepers(db: Db | Trx, estateId: number, kind: string, committeeId: number) {
  const staff = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('org_closure as c', 'c.ancestor_id', 'ra.node_id')
    .select('ra.account_id')
    .where('c.descendant_id', '=', estateId)
    .where('ra.role', '=', 'communityStaff')
    .execute();
  const director = await kdb(db)
    .selectFrom('committee_member')
    .select('account_id')
    .where('committee_kind', '=', kind as 'pmc')
    .where('committee_id', '=', committeeId)
    .where('seat', '=', 'director')
    .where('ended_on', 'is', null)
    .execute();
  return [...staff.map((s) => s.account_id), ...director.map((d) => d.account_id).filter((x): x is number => x != null)];
}
