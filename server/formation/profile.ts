import { RULE_PROFILES, SEED_PROFILE, type RuleProfile } from '../../core/rule-profile.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';

/** The rule profile a street runs under (default: the seed's measures). */
export async function streetProfile(db: Db | Trx, streetId: number): Promise<RuleProfile> {
  const row = await db.selectFrom('street_rule_profile').select('profile_id').where('street_id', '=', streetId).executeTakeFirst();
  return RULE_PROFILES.find((p) => p.id === row?.profile_id) ?? SEED_PROFILE;
}

/** The rule profile of the street a node (estate, community, street) lies in; the seed's by default. */
export async function profileForNode(db: Db | Trx, nodeId: number): Promise<RuleProfile> {
  return (await profilesForNodes(db, [nodeId])).get(nodeId)!;
}

/** profileForNode for many nodes in one statement (a roll-up over a district). */
export async function profilesForNodes(db: Db | Trx, nodeIds: number[]): Promise<Map<number, RuleProfile>> {
  const rows = nodeIds.length
    ? await db
        .selectFrom('org_closure as c')
        .innerJoin('street_rule_profile as p', 'p.street_id', 'c.ancestor_id')
        .select(['c.descendant_id', 'p.profile_id'])
        .where('c.descendant_id', 'in', nodeIds)
        .execute()
    : [];
  const chosen = new Map(rows.map((r) => [r.descendant_id, r.profile_id]));
  return new Map(nodeIds.map((id) => [id, RULE_PROFILES.find((p) => p.id === chosen.get(id)) ?? SEED_PROFILE]));
}

/** The street and community an estate belongs to. */
export async function placeOf(db: Db | Trx, estateId: number) {
  const rows = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select(['a.id', 'a.kind', 'a.name'])
    .where('c.descendant_id', '=', estateId)
    .execute();
  const estate = rows.find((r) => r.id === estateId);
  const street = rows.find((r) => r.kind === 'street') ?? null;
  const community = rows.find((r) => r.kind === 'community') ?? null;
  return { estate, street, community };
}
