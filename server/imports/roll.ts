import { sql } from 'kysely';
import { parseArea } from '../../core/area.js';
import { maskIdNumber, validateIdNumber, validateMobile, validateUscc } from '../../core/identity.js';
import type { AreaSource, UnitKind } from '../../core/org.js';
import { UNIT_KIND_LABEL } from '../../core/org.js';
import { FEE_STATUS_LABEL, OWNERSHIP_BASIS_LABEL, type FeeStatus, type OwnershipBasis, type PersonKind } from '../../core/registry.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';
import { personColumns } from '../people/person-store.js';
import { PERSON_INSERT_COLUMNS } from './people.js';
import { AREA_SOURCE_BY_LABEL, ROLL_COLUMNS } from './columns.js';
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
import { titleChangeList, type HeldTitle } from './title-changes.js';
import { idText, text, toDate, toFen, toYesNo, type RawValue, giveTurn, TURN_ROWS } from './workbook.js';

/**
 * The owner roll (业主名册): one row per owner of a unit; co-owners are several rows of the same
 * unit with the same unit data; a row without an owner registers the unit only. Units are keyed
 * by estate + building + 单元 + 房号, persons by ID number within the street, so importing the
 * same file again changes nothing. An owner of a listed unit who is not in the file's rows for
 * that unit has their tenure ended on the new owners' 取得日期 (a transfer; history is kept).
 */

interface UnitData {
  floor: number | null;
  kind: UnitKind;
  areaCenti: number;
  areaSource: AreaSource;
  /** R3 */
  developerStock: boolean;
  /** R37; null: not given, the unit's fee status is left as it is. */
  fee: { status: FeeStatus; since: string | null; fen: number | null } | null;
}

interface OwnerData {
  name: string;
  kind: PersonKind;
  idNumber: string;
  mobile: string | null;
  /** R4 */
  voter: boolean;
  /** R1 */
  basis: OwnershipBasis;
  acquiredOn: string | null;
}

export interface RollRow {
  row: number;
  key: string;
  building: string;
  entrance: string;
  number: string;
  unit: UnitData;
  owner: OwnerData | null;
}

const UNIT_KIND_BY_LABEL = Object.fromEntries(Object.entries(UNIT_KIND_LABEL).map(([k, v]) => [v, k])) as Record<string, UnitKind>;
const BASIS_BY_LABEL = Object.fromEntries(Object.entries(OWNERSHIP_BASIS_LABEL).map(([k, v]) => [v, k])) as Record<string, OwnershipBasis>;
const FEE_BY_LABEL = Object.fromEntries(Object.entries(FEE_STATUS_LABEL).map(([k, v]) => [v, k])) as Record<string, FeeStatus>;
Object.assign(FEE_BY_LABEL, { 已缴: 'paidUp', 已交清: 'paidUp', 缴清: 'paidUp', 欠缴: 'arrears' });

const unitLabel = (r: { building: string; entrance: string; number: string }) => `${r.building}${r.entrance}${r.number}`;

const H = headersOf(ROLL_COLUMNS);

function validateRow(values: Record<string, RawValue>, row: number, errors: RowError[]): RollRow | null {
  // Never the template's example, whatever else the row holds (issue 13).
  const example = exampleRowError(ROLL_COLUMNS, values, row);
  if (example) {
    errors.push(example);
    return null;
  }
  const { val, err, failed } = rowReader(ROLL_COLUMNS, values, row, errors);

  const building = text(val('building'));
  if (!building) err('building', '楼栋不能为空');
  else if (building.length > 100) err('building', '楼栋名称不能超过100个字');
  const entrance = text(val('entrance')) ?? '';
  if (entrance.length > 50) err('entrance', '单元不能超过50个字');
  const number = text(val('number'));
  if (!number) err('number', '房号不能为空');
  else if (number.length > 20) err('number', '房号不能超过20个字符');

  let floor: number | null = null;
  if (val('floor') !== null) {
    const f = typeof val('floor') === 'number' ? String(val('floor')) : (text(val('floor')) ?? '').replace(/(层|F)$/i, '');
    if (!/^-?\d{1,3}$/.test(f)) err('floor', '楼层应为整数，如 3 或 -1');
    else floor = Number(f);
  }
  let kind: UnitKind = 'residential';
  if (val('unitKind') !== null) {
    const k = UNIT_KIND_BY_LABEL[text(val('unitKind'))!];
    if (!k) err('unitKind', `房屋类型应为${Object.values(UNIT_KIND_LABEL).join('、')}之一`);
    else kind = k;
  }
  let areaCenti = 0;
  if (val('area') === null) err('area', '专有部分面积不能为空');
  else {
    // The same reading as the unit form and the API (core parseArea): "89.37", "89.37㎡", "８９．３７ 平方米", 89.37.
    const cell = val('area');
    const a = parseArea(typeof cell === 'number' ? cell : (text(cell) ?? ''));
    if (!a.ok) err('area', a.message);
    else areaCenti = a.centi;
  }
  let areaSource: AreaSource = 'registered';
  if (val('areaSource') === null) err('areaSource', '面积来源不能为空（R2：不动产登记、实测或合同）');
  else {
    const s = AREA_SOURCE_BY_LABEL[text(val('areaSource'))!];
    if (!s) err('areaSource', '面积来源应为不动产登记、实测或合同之一（R2）');
    else areaSource = s;
  }
  let developerStock = false;
  if (val('developerStock') !== null) {
    const d = toYesNo(val('developerStock'));
    if (!d.ok) err('developerStock', `开发商未售或未交付${d.message}`);
    else developerStock = d.value;
  }
  let fee: UnitData['fee'] = null;
  if (val('feeStatus') !== null) {
    const status = FEE_BY_LABEL[text(val('feeStatus'))!];
    if (!status) err('feeStatus', '物业费状态应为已缴清、欠费或未登记之一（R37）');
    else {
      let since: string | null = null;
      let fen: number | null = null;
      if (status === 'arrears') {
        if (val('arrearsSince') === null) err('arrearsSince', '物业费状态为“欠费”时，欠费起始日期必填');
        else {
          const d = toDate(val('arrearsSince'));
          if (!d.ok) err('arrearsSince', d.message);
          else since = d.value;
        }
        if (val('arrearsYuan') !== null) {
          const m = toFen(val('arrearsYuan'));
          if (!m.ok) err('arrearsYuan', m.message);
          else fen = m.value;
        }
      } else if (val('arrearsSince') !== null || val('arrearsYuan') !== null) {
        err('feeStatus', '填写了欠费起始日期或金额，物业费状态应为“欠费”');
      }
      fee = { status, since, fen };
    }
  } else if (val('arrearsSince') !== null || val('arrearsYuan') !== null) {
    err('feeStatus', '填写了欠费信息，请把物业费状态填为“欠费”');
  }

  let owner: OwnerData | null = null;
  const name = text(val('ownerName'));
  const ownerFields = ['ownerKind', 'idNumber', 'mobile', 'voter', 'basis', 'acquiredOn'].filter((k) => val(k) !== null);
  if (!name) {
    if (ownerFields.length > 0) err('ownerName', '填写了业主信息但业主姓名为空');
  } else {
    if (name.length > 100) err('ownerName', '业主姓名不能超过100个字');
    let ownerKind: PersonKind = 'natural';
    if (val('ownerKind') !== null) {
      const k = text(val('ownerKind'));
      if (k === '单位' || k === '企业' || k === '组织') ownerKind = 'organisation';
      else if (k !== '个人') err('ownerKind', '业主类型应为“个人”或“单位”');
    }
    let idNumber = '';
    if (val('idNumber') === null) err('idNumber', '证件号码不能为空（个人填身份证号，单位填统一社会信用代码）');
    else {
      const raw = idText(val('idNumber'));
      if (!raw.ok) err('idNumber', raw.message);
      else if (ownerKind === 'organisation') {
        const u = validateUscc(raw.value);
        if (!u.ok) err('idNumber', u.message);
        else idNumber = u.value;
      } else {
        const v = validateIdNumber(raw.value);
        if (!v.ok)
          err(
            'idNumber',
            /^[0-9A-Z]{18}$/.test(raw.value) && !/^\d{17}[\dX]$/.test(raw.value)
              ? `${v.message}（单位业主请把业主类型填为“单位”）`
              : v.message,
          );
        else idNumber = v.value.idNumber;
      }
    }
    let mobile: string | null = null;
    if (val('mobile') !== null) {
      const m = validateMobile(typeof val('mobile') === 'number' ? String(val('mobile')) : text(val('mobile'))!);
      if (!m.ok) err('mobile', m.message);
      else mobile = m.value;
    }
    let voter = false;
    if (val('voter') !== null) {
      const v = toYesNo(val('voter'));
      if (!v.ok) err('voter', `指定表决人${v.message}`);
      else voter = v.value;
    }
    let basis: OwnershipBasis = 'registered';
    if (val('basis') !== null) {
      const b = BASIS_BY_LABEL[text(val('basis'))!];
      if (!b) err('basis', `取得方式应为${Object.values(OWNERSHIP_BASIS_LABEL).join('、')}之一（R1）`);
      else basis = b;
    }
    let acquiredOn: string | null = null;
    if (val('acquiredOn') !== null) {
      const d = toDate(val('acquiredOn'));
      if (!d.ok) err('acquiredOn', d.message);
      else acquiredOn = d.value;
    }
    owner = { name: name.slice(0, 100), kind: ownerKind, idNumber, mobile, voter, basis, acquiredOn };
  }
  if (failed() || !building || !number) return null;
  return {
    row,
    key: `${building}\u0000${entrance}\u0000${number}`,
    building,
    entrance,
    number,
    unit: { floor, kind, areaCenti, areaSource, developerStock, fee },
    owner,
  };
}

const UNIT_FIELDS: { label: string; same: (a: UnitData, b: UnitData) => boolean }[] = [
  { label: '楼层', same: (a, b) => a.floor === b.floor },
  { label: '房屋类型', same: (a, b) => a.kind === b.kind },
  { label: '专有部分面积', same: (a, b) => a.areaCenti === b.areaCenti },
  { label: '面积来源', same: (a, b) => a.areaSource === b.areaSource },
  { label: '开发商未售或未交付', same: (a, b) => a.developerStock === b.developerStock },
  {
    label: '物业费状态',
    same: (a, b) => JSON.stringify(a.fee) === JSON.stringify(b.fee),
  },
];

async function validateRoll(sheet: { rows: { row: number; values: Record<string, RawValue> }[] }): Promise<Validated<RollRow>> {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const parsed: RollRow[] = [];
  /** Rows that failed on their own, by unit key when the key could be read. */
  const badKeys = new Map<string, number>();
  for (const [i, r] of sheet.rows.entries()) {
    if (i > 0 && i % TURN_ROWS === 0) await giveTurn();
    const v = validateRow(r.values, r.row, errors);
    if (v) parsed.push(v);
    else {
      const b = text(r.values['building'] ?? null);
      const n = text(r.values['number'] ?? null);
      if (b && n) {
        const key = `${b}\u0000${text(r.values['entrance'] ?? null) ?? ''}\u0000${n}`;
        if (!badKeys.has(key)) badKeys.set(key, r.row);
      }
    }
  }

  // Rows of the same unit: co-owner rows with the same unit data, at most one designated voter (R4).
  const groups = new Map<string, RollRow[]>();
  for (const r of parsed) {
    const g = groups.get(r.key);
    if (g) g.push(r);
    else groups.set(r.key, [r]);
  }
  const idNames = new Map<string, RollRow>();
  const badUnits = new Map<string, number>(badKeys);
  for (const [key, rows] of groups) {
    const first = rows[0]!;
    const seenOwners = new Map<string, number>();
    let voterRow: number | null = null;
    for (const r of rows) {
      const fail = (column: string, message: string) => {
        errors.push({ row: r.row, column, message });
        if (!badUnits.has(key)) badUnits.set(key, r.row);
      };
      if (r !== first) {
        if (!r.owner || !first.owner) {
          fail('', `房屋重复：${unitLabel(r)}已在第${first.row}行登记（同一房屋多行只能是共有人，每行都要填业主）`);
          continue;
        }
        const diff = UNIT_FIELDS.filter((f) => !f.same(first.unit, r.unit)).map((f) => f.label);
        if (diff.length > 0) {
          fail(
            '',
            `房屋重复且信息不一致：${unitLabel(r)}已在第${first.row}行登记，本行的${diff.join('、')}与之不同（共有人各行的房屋信息须相同）`,
          );
          continue;
        }
      }
      if (!r.owner) continue;
      const prev = seenOwners.get(r.owner.idNumber);
      if (prev !== undefined) {
        fail(H.idNumber!, `同一业主在${unitLabel(r)}重复登记（与第${prev}行证件号码相同）`);
        continue;
      }
      seenOwners.set(r.owner.idNumber, r.row);
      if (r.owner.voter) {
        if (voterRow !== null) fail(H.voter!, `每套房屋最多指定一名表决人（R4），第${voterRow}行已指定`);
        else voterRow = r.row;
      }
      const other = idNames.get(r.owner.idNumber);
      if (other && other.owner!.name !== r.owner.name) {
        fail(H.ownerName!, `同一证件号码在第${other.row}行的姓名为“${other.owner!.name}”，与本行“${r.owner.name}”不一致`);
      } else if (other && r.owner.mobile && other.owner!.mobile && other.owner!.mobile !== r.owner.mobile) {
        fail(H.mobile!, `同一证件号码在第${other.row}行的手机号与本行不一致`);
      } else if (!other) idNames.set(r.owner.idNumber, r);
    }
    const owners = rows.filter((r) => r.owner).length;
    if (owners > 1 && voterRow === null && !badUnits.has(key)) {
      warnings.push({
        row: first.row,
        column: H.voter!,
        message: `${unitLabel(first)}有${owners}名共有人，未指定表决人（R4：指定前该房屋不能参加表决）`,
      });
    }
  }

  // A unit with any bad row is left out as a whole: a partial co-owner list would end the others' tenure.
  const valid: RollRow[] = [];
  const failedRows = new Set(errors.map((e) => e.row));
  for (const [key, rows] of groups) {
    const bad = badUnits.get(key);
    if (bad === undefined) {
      valid.push(...rows);
      continue;
    }
    for (const r of rows) {
      if (!failedRows.has(r.row)) {
        errors.push({ row: r.row, column: '', message: `同一房屋的第${bad}行有错误，该房屋的各行都暂不导入` });
        failedRows.add(r.row);
      }
    }
  }
  return { rows: valid, errors, warnings, totalRows: sheet.rows.length };
}

interface ExistingUnit {
  id: number;
  building_id: number;
  entrance: string;
  number: string;
  floor: number | null;
  kind: UnitKind;
  area_centi: number;
  area_source: AreaSource;
  developer_stock: boolean;
  fee_status: FeeStatus;
  fee_arrears_since: string | null;
  fee_arrears_fen: number | string | null;
}

const dateText = (d: unknown): string | null =>
  d === null || d === undefined ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

async function planRoll(q: Db | Trx, ctx: PlanContext, v: Validated<RollRow>): Promise<ImportPlan> {
  const estateId = ctx.nodeId;
  const buildings = await q
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', estateId)
    .where('kind', '=', 'building')
    .execute();
  const buildingByName = new Map(buildings.map((b) => [b.name, b.id]));
  const units = (
    await sql<ExistingUnit>`select id, building_id, entrance, number, floor, kind, area_centi, area_source, developer_stock,
      fee_status, to_char(fee_arrears_since, 'YYYY-MM-DD') as fee_arrears_since, fee_arrears_fen
      from unit where estate_id = ${estateId}`.execute(q)
  ).rows;
  const unitByKey = new Map(units.map((u) => [`${u.building_id}\u0000${u.entrance}\u0000${u.number}`, u]));

  // Persons of the street by the keyed hash of their ID number.
  const hashOf = hashesOf(
    v,
    ctx.keys,
    v.rows.flatMap((r) => (r.owner ? [r.owner.idNumber] : [])),
  );
  const hashes = [...new Set(hashOf.values())];
  const persons = new Map<string, { id: number; name: string; mobile: string | null; id_masked: string | null }>();
  for (const part of chunks(hashes, 5000)) {
    const rows = await q
      .selectFrom('person')
      .select(['id', 'name', 'mobile', 'id_hash', 'id_masked'])
      .where('street_id', '=', ctx.streetId)
      .where('id_hash', 'in', part)
      .execute();
    for (const p of rows) persons.set(p.id_hash!, p);
  }
  // The titles held now, with their holders as the roll shows them (for the list of title changes).
  const current = (
    await sql<HeldTitle & { unit_id: number }>`select o.id, o.unit_id, o.person_id, o.designated_voter, o.basis,
      to_char(o.started_on, 'YYYY-MM-DD') as started_on, p.name, p.id_masked
      from ownership o join unit u on u.id = o.unit_id join person p on p.id = o.person_id
      where u.estate_id = ${estateId} and o.ended_on is null`.execute(q)
  ).rows;
  const currentByUnit = new Map<number, typeof current>();
  for (const o of current) {
    const list = currentByUnit.get(o.unit_id);
    if (list) list.push(o);
    else currentByUnit.set(o.unit_id, [o]);
  }

  const groups = new Map<string, RollRow[]>();
  for (const r of v.rows) {
    const g = groups.get(r.key);
    if (g) g.push(r);
    else groups.set(r.key, [r]);
  }

  const buildingsNew = new Set<string>();
  const unitsNew: RollRow[] = [];
  const unitsChanged: { id: number; values: unknown[] }[] = [];
  let unitsUnchanged = 0;
  const personsNew = new Map<string, OwnerData>();
  const personsChanged = new Map<number, { id: number; values: unknown[] }>();
  const ownershipsNew: { key: string; hash: string; basis: OwnershipBasis; voter: boolean; startedOn: string }[] = [];
  const ownershipsChanged: { id: number; voter: boolean; basis: OwnershipBasis }[] = [];
  let ownershipsUnchanged = 0;
  const tenuresEnded: { id: number; values: unknown[] }[] = [];
  let developerStockUnits = 0;
  let arrearsUnits = 0;
  const warnings: RowError[] = [];
  const titles = titleChangeList();

  for (const [key, rows] of groups) {
    const first = rows[0]!;
    const u = first.unit;
    if (u.developerStock) developerStockUnits++;
    if (u.fee?.status === 'arrears') arrearsUnits++;
    const buildingId = buildingByName.get(first.building);
    if (buildingId === undefined && !buildingsNew.has(first.building)) {
      buildingsNew.add(first.building);
      warnings.push({
        row: first.row,
        column: H.building!,
        message: `小区中没有“${first.building}”，将新建楼栋（导入后请在组织架构中设置其所属网格）`,
      });
    }
    const existing = buildingId === undefined ? undefined : unitByKey.get(`${buildingId}\u0000${first.entrance}\u0000${first.number}`);
    if (!existing) unitsNew.push(first);
    else {
      const floor = u.floor ?? existing.floor;
      const fee = u.fee ?? {
        status: existing.fee_status,
        since: existing.fee_arrears_since,
        fen: existing.fee_arrears_fen === null ? null : Number(existing.fee_arrears_fen),
      };
      const same =
        floor === existing.floor &&
        u.kind === existing.kind &&
        u.areaCenti === existing.area_centi &&
        u.areaSource === existing.area_source &&
        u.developerStock === existing.developer_stock &&
        fee.status === existing.fee_status &&
        fee.since === dateText(existing.fee_arrears_since) &&
        fee.fen === (existing.fee_arrears_fen === null ? null : Number(existing.fee_arrears_fen));
      if (same) unitsUnchanged++;
      else {
        const feeChanged =
          u.fee !== null &&
          (fee.status !== existing.fee_status ||
            fee.since !== dateText(existing.fee_arrears_since) ||
            fee.fen !== (existing.fee_arrears_fen === null ? null : Number(existing.fee_arrears_fen)));
        unitsChanged.push({
          id: existing.id,
          values: [
            floor,
            u.kind,
            u.areaCenti,
            u.areaSource,
            u.developerStock,
            fee.status,
            fee.since,
            fee.fen,
            feeChanged ? ctx.today : null,
            feeChanged,
          ],
        });
      }
    }

    const owners = rows.filter((r) => r.owner);
    if (owners.length === 0) continue;
    const held = existing ? (currentByUnit.get(existing.id) ?? []) : [];
    const heldByPerson = new Map(held.map((o) => [o.person_id, o]));
    // Titles that exist are only ended or changed on a list the user confirms (issue 13).
    const titled = existing && held.length > 0 ? titles.unit(existing.id, unitLabel(first)) : null;
    const listed = new Set<number>();
    const newcomers: string[] = [];
    for (const r of owners) {
      const o = r.owner!;
      const hash = hashOf.get(o.idNumber)!;
      const person = persons.get(hash);
      if (person) {
        if (person.name !== o.name || (o.mobile !== null && person.mobile !== o.mobile)) {
          personsChanged.set(person.id, { id: person.id, values: [o.name, o.mobile ?? person.mobile] });
        }
      } else if (!personsNew.has(hash)) personsNew.set(hash, o);
      const own = person ? heldByPerson.get(person.id) : undefined;
      if (person) listed.add(person.id);
      if (own) {
        if (own.designated_voter !== o.voter || own.basis !== o.basis)
          ownershipsChanged.push({ id: own.id, voter: o.voter, basis: o.basis });
        else ownershipsUnchanged++;
        titled?.kept(own, o);
      } else {
        const startedOn = o.acquiredOn ?? ctx.today;
        newcomers.push(startedOn);
        ownershipsNew.push({ key, hash, basis: o.basis, voter: o.voter, startedOn });
        const idMasked = person ? person.id_masked : o.kind === 'organisation' ? o.idNumber : maskIdNumber(o.idNumber);
        titled?.started(
          { name: o.name, idMasked, since: startedOn, voter: o.voter, basis: o.basis, newPerson: !person },
          person?.id ?? hash,
        );
      }
    }
    // A transfer: whoever held the unit and is not listed any more leaves on the newcomers' date.
    const transferOn = newcomers.length ? newcomers.reduce((a, b) => (a > b ? a : b)) : ctx.today;
    for (const o of held) {
      if (listed.has(o.person_id)) continue;
      const until = o.started_on > transferOn ? o.started_on : transferOn;
      tenuresEnded.push({ id: o.id, values: [until] });
      titled?.ended(o, until);
    }
  }
  const titleChanges = titles.done();

  const summary = {
    unitsNew: unitsNew.length,
    unitsChanged: unitsChanged.length,
    unitsUnchanged,
    buildingsNew: buildingsNew.size,
    ownersNew: personsNew.size,
    ownersChanged: personsChanged.size,
    ownershipsNew: ownershipsNew.length,
    ownershipsChanged: ownershipsChanged.length,
    ownershipsUnchanged,
    tenuresEnded: tenuresEnded.length,
    developerStockUnits,
    arrearsUnits,
    /** units whose existing titles end or change: the commit needs the confirmed list */
    titleChangeUnits: titleChanges.units.length,
  };
  const changes =
    summary.unitsNew +
    summary.unitsChanged +
    summary.buildingsNew +
    summary.ownersNew +
    summary.ownersChanged +
    summary.ownershipsNew +
    summary.ownershipsChanged +
    summary.tenuresEnded;

  async function apply(trx: Trx) {
    // 1. Buildings the estate does not have yet.
    if (buildingsNew.size > 0) {
      const created = await trx
        .insertInto('org_node')
        .values([...buildingsNew].map((name) => ({ kind: 'building' as const, name, parent_id: estateId })))
        .returning(['id', 'name'])
        .execute();
      for (const b of created) buildingByName.set(b.name, b.id);
      await rebuildClosure(
        trx,
        created.map((b) => b.id),
      );
    }
    // 2. Units: new ones inserted, changed ones updated in place.
    const unitIdByKey = new Map<string, number>();
    for (const [k, u] of unitByKey) unitIdByKey.set(k, u.id);
    const keyOf = (r: RollRow) => `${buildingByName.get(r.building)}\u0000${r.entrance}\u0000${r.number}`;
    const unitsInsert = insertUnnest<{ id: number; building_id: number; entrance: string; number: string }>(
      trx,
      'unit',
      [
        { name: 'estate_id', type: 'int' },
        { name: 'building_id', type: 'int' },
        { name: 'entrance', type: 'text' },
        { name: 'floor', type: 'int' },
        { name: 'number', type: 'text' },
        { name: 'kind', type: 'text' },
        { name: 'area_centi', type: 'int' },
        { name: 'area_source', type: 'text' },
        { name: 'developer_stock', type: 'boolean' },
        { name: 'fee_status', type: 'text' },
        { name: 'fee_arrears_since', type: 'date' },
        { name: 'fee_arrears_fen', type: 'bigint' },
        { name: 'fee_updated_on', type: 'date' },
      ],
      unitsNew.map((r) => ({
        estate_id: estateId,
        building_id: buildingByName.get(r.building)!,
        entrance: r.entrance,
        floor: r.unit.floor,
        number: r.number,
        kind: r.unit.kind,
        area_centi: r.unit.areaCenti,
        area_source: r.unit.areaSource,
        developer_stock: r.unit.developerStock,
        fee_status: r.unit.fee?.status ?? 'unknown',
        fee_arrears_since: r.unit.fee?.since ?? null,
        fee_arrears_fen: r.unit.fee?.fen ?? null,
        fee_updated_on: r.unit.fee ? ctx.today : null,
      })),
      ['id', 'building_id', 'entrance', 'number'],
    );
    // While PostgreSQL inserts the units, this process encrypts the new owners' ID numbers (two cores at work).
    await new Promise((resolve) => setImmediate(resolve));
    const personRows = [...personsNew.values()].map((o) =>
      personColumns(ctx.keys, {
        streetId: ctx.streetId,
        nodeId: estateId,
        kind: o.kind,
        name: o.name,
        idNumber: o.idNumber,
        mobile: o.mobile,
      }),
    );
    const createdUnits = await unitsInsert;
    for (const u of createdUnits) unitIdByKey.set(`${u.building_id}\u0000${u.entrance}\u0000${u.number}`, u.id);
    await updateFromValues(
      trx,
      'unit',
      [
        { name: 'floor', type: 'int' },
        { name: 'kind', type: 'text' },
        { name: 'area_centi', type: 'int' },
        { name: 'area_source', type: 'text' },
        { name: 'developer_stock', type: 'boolean' },
        { name: 'fee_status', type: 'text' },
        { name: 'fee_arrears_since', type: 'date' },
        { name: 'fee_arrears_fen', type: 'bigint' },
      ],
      unitsChanged.map((c) => ({ id: c.id, values: c.values.slice(0, 8) })),
      'updated_at = now()',
    );
    const feeTouched = unitsChanged.filter((c) => c.values[9]).map((c) => c.id);
    for (const part of chunks(feeTouched, 5000)) {
      await trx.updateTable('unit').set({ fee_updated_on: ctx.today }).where('id', 'in', part).execute();
    }

    // 3. Persons: created with the same stored forms as personColumns (hash, cipher, mask); name/mobile updated.
    const personIdByHash = new Map<string, number>();
    for (const [h, p] of persons) personIdByHash.set(h, p.id);
    const createdPersons = await insertUnnest<{ id: number; id_hash: string }>(trx, 'person', PERSON_INSERT_COLUMNS, personRows, [
      'id',
      'id_hash',
    ]);
    for (const c of createdPersons) personIdByHash.set(c.id_hash, c.id);
    await updateFromValues(
      trx,
      'person',
      [
        { name: 'name', type: 'text' },
        { name: 'mobile', type: 'text' },
      ],
      [...personsChanged.values()],
      'updated_at = now()',
    );

    // 4. Ownership: ended tenures and cleared voters first (one voter per unit, R4), then the rest.
    await updateFromValues(trx, 'ownership', [{ name: 'ended_on', type: 'date' }], tenuresEnded);
    const clear = ownershipsChanged.filter((o) => !o.voter);
    const set = ownershipsChanged.filter((o) => o.voter);
    for (const group of [clear, set]) {
      await updateFromValues(
        trx,
        'ownership',
        [
          { name: 'designated_voter', type: 'boolean' },
          { name: 'basis', type: 'text' },
        ],
        group.map((o) => ({ id: o.id, values: [o.voter, o.basis] })),
      );
    }
    const unitIdOfGroupKey = (k: string) => {
      const r = groups.get(k)![0]!;
      return unitIdByKey.get(keyOf(r))!;
    };
    await insertUnnest(
      trx,
      'ownership',
      [
        { name: 'unit_id', type: 'int' },
        { name: 'person_id', type: 'int' },
        { name: 'basis', type: 'text' },
        { name: 'designated_voter', type: 'boolean' },
        { name: 'started_on', type: 'date' },
      ],
      ownershipsNew.map((o) => ({
        unit_id: unitIdOfGroupKey(o.key),
        person_id: personIdByHash.get(o.hash)!,
        basis: o.basis,
        designated_voter: o.voter,
        started_on: o.startedOn,
      })),
    );
  }

  return { summary, changes, errors: [], warnings, titleChanges, apply };
}

export const rollImporter: Importer<RollRow> = {
  kind: 'roll',
  columns: ROLL_COLUMNS,
  validate: (sheet) => validateRoll(sheet),
  plan: planRoll,
};
