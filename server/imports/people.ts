import { validateIdNumber, validateMobile } from '../../core/identity.js';
import { PERSON_TAG_LABEL, type PartyStatus, type PersonTag } from '../../core/registry.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { personColumns } from '../people/person-store.js';
import { PEOPLE_COLUMNS } from './columns.js';
import {
  chunks,
  hashesOf,
  insertUnnest,
  headersOf,
  rowReader,
  exampleRowError,
  updateFromValues,
  type ImportPlan,
  type Importer,
  type PlanContext,
  type RowError,
  type Validated,
} from './importer.js';
import { idText, text, type RawValue, giveTurn, TURN_ROWS } from './workbook.js';

/**
 * People (人员): residents and staff registered under a street or community, keyed by ID number
 * within the street — a person already on the registry is updated, never duplicated.
 */

export interface PersonRow {
  row: number;
  name: string;
  idNumber: string;
  mobile: string | null;
  partyStatus: PartyStatus;
  partyOrg: string | null;
  tags: PersonTag[];
  occupation: string | null;
  address: string | null;
  location: string | null;
}

/** The columns personColumns fills, with their types, for the bulk insert. */
export const PERSON_INSERT_COLUMNS = [
  { name: 'street_id', type: 'int' },
  { name: 'node_id', type: 'int' },
  { name: 'kind', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'id_hash', type: 'text' },
  { name: 'id_cipher', type: 'text' },
  { name: 'id_masked', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'mobile', type: 'text' },
  { name: 'party_status', type: 'text' },
  { name: 'party_org_id', type: 'int' },
  { name: 'tags', type: 'jsonb' },
  { name: 'occupation', type: 'text' },
  { name: 'address', type: 'text' },
];

const TAG_BY_LABEL = Object.fromEntries(Object.entries(PERSON_TAG_LABEL).map(([k, v]) => [v, k])) as Record<string, PersonTag>;
const PARTY_BY_LABEL: Record<string, PartyStatus> = {
  正式党员: 'full',
  中共党员: 'full',
  党员: 'full',
  预备党员: 'probationary',
  群众: 'none',
  非党员: 'none',
};

const H = headersOf(PEOPLE_COLUMNS);

function validateRow(values: Record<string, RawValue>, row: number, errors: RowError[]): PersonRow | null {
  // Never the template's example, whatever else the row holds (issue 13).
  const example = exampleRowError(PEOPLE_COLUMNS, values, row);
  if (example) {
    errors.push(example);
    return null;
  }
  const { val, err, failed } = rowReader(PEOPLE_COLUMNS, values, row, errors);
  const name = text(val('name'));
  if (!name) err('name', '姓名不能为空');
  else if (name.length > 100) err('name', '姓名不能超过100个字');
  let idNumber = '';
  if (val('idNumber') === null) err('idNumber', '证件号码不能为空');
  else {
    const raw = idText(val('idNumber'));
    if (!raw.ok) err('idNumber', raw.message);
    else {
      const v = validateIdNumber(raw.value);
      if (!v.ok) err('idNumber', v.message);
      else idNumber = v.value.idNumber;
    }
  }
  let mobile: string | null = null;
  if (val('mobile') !== null) {
    const m = validateMobile(text(val('mobile'))!);
    if (!m.ok) err('mobile', m.message);
    else mobile = m.value;
  }
  let partyStatus: PartyStatus = 'none';
  if (val('partyStatus') !== null) {
    const p = PARTY_BY_LABEL[text(val('partyStatus'))!];
    if (!p) err('partyStatus', '政治面貌应为正式党员、预备党员或群众之一');
    else partyStatus = p;
  }
  const tags: PersonTag[] = [];
  for (const label of (text(val('tags')) ?? '')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const t = TAG_BY_LABEL[label];
    if (!t) err('tags', `背景“${label}”不在可选范围内（${Object.values(PERSON_TAG_LABEL).join('、')}）`);
    else if (!tags.includes(t)) tags.push(t);
  }
  const occupation = text(val('occupation'));
  if (occupation && occupation.length > 100) err('occupation', '职业不能超过100个字');
  const address = text(val('address'));
  if (address && address.length > 200) err('address', '住址不能超过200个字');
  if (failed() || !name) return null;
  return {
    row,
    name,
    idNumber,
    mobile,
    partyStatus,
    partyOrg: text(val('partyOrg')),
    tags,
    occupation,
    address,
    location: text(val('location')),
  };
}

async function validatePeople(sheet: { rows: { row: number; values: Record<string, RawValue> }[] }): Promise<Validated<PersonRow>> {
  const errors: RowError[] = [];
  const rows: PersonRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, r] of sheet.rows.entries()) {
    if (i > 0 && i % TURN_ROWS === 0) await giveTurn();
    const p = validateRow(r.values, r.row, errors);
    if (!p) continue;
    const prev = seen.get(p.idNumber);
    if (prev !== undefined) {
      errors.push({ row: r.row, column: H.idNumber!, message: `证件号码与第${prev}行重复，同一人只能登记一行` });
      continue;
    }
    seen.set(p.idNumber, r.row);
    rows.push(p);
  }
  return { rows, errors, warnings: [], totalRows: sheet.rows.length };
}

async function planPeople(q: Db | Trx, ctx: PlanContext, v: Validated<PersonRow>): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const orgs = await q.selectFrom('party_org').select(['id', 'name']).where('street_id', '=', ctx.streetId).execute();
  const orgByName = new Map(orgs.map((o) => [o.name, o.id]));
  // 登记位置: a community, grid or estate under the import node, by name.
  const places = await q
    .selectFrom('org_closure as c')
    .innerJoin('org_node as n', 'n.id', 'c.descendant_id')
    .select(['n.id', 'n.name', 'n.kind'])
    .where('c.ancestor_id', '=', ctx.nodeId)
    .where('n.kind', 'in', ['community', 'grid', 'estate'])
    .execute();
  const placeByName = new Map<string, number[]>();
  for (const p of places) placeByName.set(p.name, [...(placeByName.get(p.name) ?? []), p.id]);

  const hashOf = hashesOf(
    v,
    ctx.keys,
    v.rows.map((r) => r.idNumber),
  );
  const existing = new Map<
    string,
    {
      id: number;
      name: string;
      mobile: string | null;
      party_status: PartyStatus;
      party_org_id: number | null;
      tags: unknown;
      occupation: string | null;
      address: string | null;
      node_id: number;
    }
  >();
  for (const part of chunks([...hashOf.values()], 5000)) {
    const rows = await q
      .selectFrom('person')
      .select(['id', 'id_hash', 'name', 'mobile', 'party_status', 'party_org_id', 'tags', 'occupation', 'address', 'node_id'])
      .where('street_id', '=', ctx.streetId)
      .where('id_hash', 'in', part)
      .execute();
    for (const p of rows) existing.set(p.id_hash!, p);
  }

  const created: PersonRow[] = [];
  const createdNodes: number[] = [];
  const createdOrgs: (number | null)[] = [];
  const changed: { id: number; values: unknown[] }[] = [];
  let unchanged = 0;
  for (const r of v.rows) {
    let orgId: number | null = null;
    if (r.partyOrg) {
      const id = orgByName.get(r.partyOrg);
      if (id === undefined) {
        errors.push({ row: r.row, column: H.partyOrg!, message: `没有名为“${r.partyOrg}”的党组织，请先在党组织中建立，或核对名称` });
        continue;
      }
      orgId = id;
    }
    let nodeId = ctx.nodeId;
    if (r.location) {
      const ids = placeByName.get(r.location) ?? [];
      if (ids.length !== 1) {
        errors.push({
          row: r.row,
          column: H.location!,
          message:
            ids.length === 0 ? `导入节点下没有名为“${r.location}”的社区、网格或小区` : `“${r.location}”对应多个位置，请写更完整的名称`,
        });
        continue;
      }
      nodeId = ids[0]!;
    }
    const p = existing.get(hashOf.get(r.idNumber)!);
    if (!p) {
      created.push(r);
      createdNodes.push(nodeId);
      createdOrgs.push(orgId);
      continue;
    }
    const next = {
      name: r.name,
      mobile: r.mobile ?? p.mobile,
      party_status: r.partyStatus,
      party_org_id: orgId,
      tags: JSON.stringify([...r.tags].sort()),
      occupation: r.occupation ?? p.occupation,
      address: r.address ?? p.address,
      node_id: r.location ? nodeId : p.node_id,
    };
    const same =
      next.name === p.name &&
      next.mobile === p.mobile &&
      next.party_status === p.party_status &&
      next.party_org_id === p.party_org_id &&
      next.tags === JSON.stringify([...((p.tags as string[]) ?? [])].sort()) &&
      next.occupation === p.occupation &&
      next.address === p.address &&
      next.node_id === p.node_id;
    if (same) unchanged++;
    else
      changed.push({
        id: p.id,
        values: [next.name, next.mobile, next.party_status, next.party_org_id, next.tags, next.occupation, next.address, next.node_id],
      });
  }

  const summary = { personsNew: created.length, personsChanged: changed.length, personsUnchanged: unchanged };
  return {
    summary,
    changes: created.length + changed.length,
    errors,
    warnings: [],
    async apply(trx) {
      await insertUnnest(
        trx,
        'person',
        PERSON_INSERT_COLUMNS,
        created.map((r, i) =>
          personColumns(ctx.keys, {
            streetId: ctx.streetId,
            nodeId: createdNodes[i]!,
            name: r.name,
            idNumber: r.idNumber,
            mobile: r.mobile,
            partyStatus: r.partyStatus,
            partyOrgId: createdOrgs[i]!,
            tags: r.tags,
            occupation: r.occupation,
            address: r.address,
          }),
        ),
      );
      await updateFromValues(
        trx,
        'person',
        [
          { name: 'name', type: 'text' },
          { name: 'mobile', type: 'text' },
          { name: 'party_status', type: 'text' },
          { name: 'party_org_id', type: 'int' },
          { name: 'tags', type: 'jsonb' },
          { name: 'occupation', type: 'text' },
          { name: 'address', type: 'text' },
          { name: 'node_id', type: 'int' },
        ],
        changed,
        'updated_at = now()',
      );
    },
  };
}

export const peopleImporter: Importer<PersonRow> = {
  kind: 'people',
  columns: PEOPLE_COLUMNS,
  validate: (sheet) => validatePeople(sheet),
  plan: planPeople,
};
