import { POST_ROLES, type PostRole } from '../../core/registry.js';
import type { Person, Post } from '../db/schema.js';
import { isCurrent } from './places.js';
import { presentPerson } from './person-store.js';

export const roleLabel = (role: string) => POST_ROLES[role as PostRole]?.label ?? role;

/** A person as lists and details show them: masked ID number and mobile, with place names. */
export function presentPersonRow(p: Person & { node_name: string; party_org_name: string | null }) {
  return { ...presentPerson(p), nodeName: p.node_name, partyOrgName: p.party_org_name };
}

export type PostRow = Post & { body_name: string; estate_name: string | null };

export function presentPost(p: PostRow, today: string) {
  return {
    id: p.id,
    personId: p.person_id,
    role: p.role,
    roleLabel: roleLabel(p.role),
    nodeId: p.node_id,
    partyOrgId: p.party_org_id,
    estateId: p.estate_id,
    bodyName: p.body_name,
    estateName: p.estate_name,
    startedOn: p.started_on,
    endedOn: p.ended_on,
    current: isCurrent(p, today),
    note: p.note,
  };
}

/** 双向进入、交叉任职: the distinct bodies (party organisation or node) of a person's current posts. */
export function crossAppointments(posts: PostRow[], today: string) {
  const bodies = new Map<string, { bodyType: 'partyOrg' | 'node'; bodyId: number; bodyName: string; roles: string[] }>();
  for (const p of posts) {
    if (!isCurrent(p, today)) continue;
    const key = p.party_org_id !== null ? `o${p.party_org_id}` : `n${p.node_id}`;
    let b = bodies.get(key);
    if (!b) {
      b =
        p.party_org_id !== null
          ? { bodyType: 'partyOrg', bodyId: p.party_org_id, bodyName: p.body_name, roles: [] }
          : { bodyType: 'node', bodyId: p.node_id, bodyName: p.body_name, roles: [] };
      bodies.set(key, b);
    }
    const label = roleLabel(p.role);
    if (!b.roles.includes(label)) b.roles.push(label);
  }
  return [...bodies.values()];
}
