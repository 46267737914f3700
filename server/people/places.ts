import { sql, type Expression, type SqlBool } from 'kysely';
import { NODE_KIND_LABEL, type NodeKind } from '../../core/org.js';
import type { Db } from '../db/connect.js';
import { badRequest, notFound } from '../http/errors.js';

/**
 * Where registry records sit. A person or party organisation belongs to the street its node lies
 * under (for a property company: the street that registered it), and a post is current from its
 * start date until the day it ends: a handover on one date ends one tenure and starts the next.
 */

export interface Place {
  id: number;
  kind: NodeKind;
  name: string;
  streetId: number;
}

/** The node and its street; 400 when a company is not registered with a street. */
export async function placeOf(db: Db, nodeId: number, what = '节点'): Promise<Place> {
  const node = await db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', '=', nodeId).executeTakeFirst();
  if (!node) throw notFound(what);
  if (node.kind === 'company') {
    const pc = await db.selectFrom('property_company').select('street_id').where('node_id', '=', nodeId).executeTakeFirst();
    if (!pc) throw badRequest(`物业企业“${node.name}”尚未在街道登记，请先在物业企业页登记后再录入人员`, 'nodeId');
    return { ...node, streetId: pc.street_id };
  }
  if (node.kind === 'street') return { ...node, streetId: node.id };
  const street = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select('a.id')
    .where('c.descendant_id', '=', nodeId)
    .where('a.kind', '=', 'street')
    .executeTakeFirst();
  if (!street) throw badRequest(`${NODE_KIND_LABEL[node.kind]}“${node.name}”不在任何街道之下`, 'nodeId');
  return { ...node, streetId: street.id };
}

/** SQL condition: the post (alias `ref`) is current on `today`. */
export function postIsCurrent(alias: string, today: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.started_on`)} <= ${today} and (${sql.ref(`${alias}.ended_on`)} is null or ${sql.ref(`${alias}.ended_on`)} > ${today}))`;
}

export function isCurrent(p: { started_on: string; ended_on: string | null }, today: string): boolean {
  return p.started_on <= today && (p.ended_on === null || p.ended_on > today);
}

/** Escapes LIKE wildcards in user input. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
