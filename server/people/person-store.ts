import type { Permission } from '../../core/access.js';
import { maskMobile, validateIdNumber, validateMobile, validateUscc } from '../../core/identity.js';
import type { PartyStatus, PersonKind } from '../../core/registry.js';
import type { Trx } from '../db/transaction.js';
import type { Person } from '../db/schema.js';
import { badRequest, conflict } from '../http/errors.js';
import { protectIdNumber, type IdentityKeys } from './identity.js';

/**
 * Writing and presenting people: the one place that turns an ID number into its stored forms and
 * decides what of a person a caller may see. Every capability that creates a person (people,
 * companies, owner roll, import) goes through `insertPerson`.
 */

export interface PersonInput {
  streetId: number;
  /** Where the person is registered: decides who may see them (scope). */
  nodeId: number;
  kind?: PersonKind;
  name: string;
  /** 身份证号 for natural persons, 统一社会信用代码 for organisations; optional for staff entered without one. */
  idNumber?: string | null;
  mobile?: string | null;
  partyStatus?: PartyStatus;
  partyOrgId?: number | null;
  tags?: string[];
  occupation?: string | null;
  address?: string | null;
}

/** Validates and converts the ID number and mobile; throws 400 naming the field. */
export function personColumns(keys: IdentityKeys, input: PersonInput) {
  let idCols: { id_hash: string | null; id_cipher: string | null; id_masked: string | null; birth_date: string | null } = {
    id_hash: null,
    id_cipher: null,
    id_masked: null,
    birth_date: null,
  };
  if (input.idNumber) {
    if ((input.kind ?? 'natural') === 'organisation') {
      const v = validateUscc(input.idNumber);
      if (!v.ok) throw badRequest(v.message, 'idNumber');
      // A USCC is public: the mask is the code itself.
      idCols = { id_hash: keys.hash(v.value), id_cipher: keys.encrypt(v.value), id_masked: v.value, birth_date: null };
    } else {
      const v = validateIdNumber(input.idNumber);
      if (!v.ok) throw badRequest(v.message, 'idNumber');
      idCols = { ...protectIdNumber(keys, v.value.idNumber), birth_date: v.value.birthDate };
    }
  }
  let mobile: string | null = null;
  if (input.mobile) {
    const m = validateMobile(input.mobile);
    if (!m.ok) throw badRequest(m.message, 'mobile');
    mobile = m.value;
  }
  return {
    street_id: input.streetId,
    node_id: input.nodeId,
    kind: input.kind ?? 'natural',
    name: input.name.trim(),
    ...idCols,
    mobile,
    party_status: input.partyStatus ?? 'none',
    party_org_id: input.partyOrgId ?? null,
    tags: JSON.stringify(input.tags ?? []),
    occupation: input.occupation ?? null,
    address: input.address ?? null,
  };
}

/** Inserts a person; an ID number already on this street's registry is a 409 naming who holds it. */
export async function insertPerson(trx: Trx, keys: IdentityKeys, input: PersonInput): Promise<Person> {
  const cols = personColumns(keys, input);
  if (cols.id_hash) {
    const dup = await trx
      .selectFrom('person')
      .select(['id', 'name'])
      .where('street_id', '=', input.streetId)
      .where('id_hash', '=', cols.id_hash)
      .executeTakeFirst();
    if (dup) throw conflict(`证件号码已登记在“${dup.name}”名下（人员编号 ${dup.id}），请直接选用该人员，不要重复登记`);
  }
  return trx.insertInto('person').values(cols).returningAll().executeTakeFirstOrThrow();
}

/** A person found by ID number within one street (import dedup, owner verification). */
export async function findPersonByIdNumber(trx: Trx, keys: IdentityKeys, streetId: number, idNumber: string) {
  return trx
    .selectFrom('person')
    .selectAll()
    .where('street_id', '=', streetId)
    .where('id_hash', '=', keys.hash(idNumber))
    .executeTakeFirst();
}

/**
 * What a caller sees of a person: the masked ID number always (the full one only through the
 * audited reveal, street admin only), the mobile masked unless it is the caller's own record.
 */
export function presentPerson(p: Person, opts: { own?: boolean } = {}) {
  return {
    id: p.id,
    streetId: p.street_id,
    nodeId: p.node_id,
    kind: p.kind,
    name: p.name,
    idNumberMasked: p.id_masked,
    birthDate: p.birth_date,
    mobileMasked: p.mobile ? (opts.own ? p.mobile : maskMobile(p.mobile)) : null,
    partyStatus: p.party_status,
    partyOrgId: p.party_org_id,
    tags: p.tags,
    occupation: p.occupation,
    address: p.address,
    negativeNote: p.negative_note,
  };
}

/** Who may reveal what (each reveal writes an audit entry). */
export const REVEAL_PERMISSION: Record<'mobile' | 'idNumber', Permission> = { mobile: 'contact.reveal', idNumber: 'idNumber.reveal' };
