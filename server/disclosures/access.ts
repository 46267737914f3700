import { sql, type Expression, type SqlBool } from 'kysely';
import { DISCLOSURE_ITEM_INFO, RESPONSIBLE_LABEL, type DisclosureItem, type ResponsibleParty } from '../../core/disclosures.js';
import type { Role } from '../../core/access.js';
import { inScope } from '../access/scope.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import type { CurrentUser } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';

const PARTY_ROLES: Record<ResponsibleParty, readonly Role[]> = {
  company: ['propertyStaff'],
  committee: ['committeeMember', 'committeeDirector'],
};

/** The roles the user holds at the estate (bound to it or to a node above it: a company serving it). */
export async function rolesAtEstate(db: Db | Trx, user: CurrentUser, estateId: number): Promise<Set<Role>> {
  const roots = [...new Set(user.roles.map((r) => r.nodeId))];
  if (!roots.length) return new Set();
  const rows = await db
    .selectFrom('org_closure')
    .select('ancestor_id')
    .where('descendant_id', '=', estateId)
    .where('ancestor_id', 'in', roots)
    .execute();
  const at = new Set(rows.map((r) => r.ancestor_id));
  return new Set(user.roles.filter((r) => at.has(r.nodeId)).map((r) => r.role));
}

/** Which parties' items the user keeps at this estate. */
export async function partiesOf(db: Db | Trx, user: CurrentUser, estateId: number): Promise<ResponsibleParty[]> {
  const roles = await rolesAtEstate(db, user, estateId);
  return (Object.keys(PARTY_ROLES) as ResponsibleParty[]).filter((p) => PARTY_ROLES[p].some((r) => roles.has(r)));
}

/** An estate node: 404 when it is not an estate or not in the caller's reach for `permission`. */
export async function loadEstate(db: Db | Trx, user: CurrentUser, estateId: number, permission: 'disclosure.read' | 'disclosure.edit') {
  const estate = await db
    .selectFrom('org_node')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('id', '=', estateId)
    .where('kind', '=', 'estate')
    .where(inScope(user, permission, sql.ref('id')))
    .executeTakeFirst();
  if (!estate) throw notFound('小区');
  return estate;
}

/**
 * Only the responsible party changes an item or answers on it (R38): the property company serving
 * the estate for its items, the estate's committee for its own. 404 outside the estate, 403 for
 * the other party.
 */
export async function requireResponsible(db: Db | Trx, user: CurrentUser, estateId: number, item: DisclosureItem) {
  const estate = await loadEstate(db, user, estateId, 'disclosure.edit');
  const party = DISCLOSURE_ITEM_INFO[item].responsible;
  if (!(await partiesOf(db, user, estateId)).includes(party))
    throw forbidden(`“${DISCLOSURE_ITEM_INFO[item].label}”由${RESPONSIBLE_LABEL[party]}负责公开和答复，您不能修改（R38）`);
  return estate;
}

/** SQL: the estate `ref` is one the user follows for disclosures. */
export const followsEstate = (user: CurrentUser, ref: Expression<number | null>): Expression<SqlBool> =>
  inScope(user, 'disclosure.read', ref);

/** The accounts of the party responsible for an item at an estate: who is reminded and who answers. */
export async function responsibleAccounts(db: Db | Trx, estateId: number, party: ResponsibleParty): Promise<number[]> {
  const rows = await db
    .selectFrom('role_assignment as ra')
    .innerJoin('account as a', 'a.id', 'ra.account_id')
    .select('ra.account_id')
    .where('a.disabled', '=', false)
    .where('ra.role', 'in', [...PARTY_ROLES[party]])
    .where((eb) =>
      party === 'company'
        ? eb('ra.node_id', 'in', eb.selectFrom('company_estate').select('company_id').where('estate_id', '=', estateId))
        : eb('ra.node_id', '=', estateId),
    )
    .execute();
  return [...new Set(rows.map((r) => r.account_id))];
}
