import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar, maskIdNumber } from '../../core/identity.js';
import { XLSX_TYPE } from '../documents/spreadsheet.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

/**
 * Issue 13, "Trust in what exists": an import never writes the template's example row, never ends or
 * changes an owner's title (R1, R4) without the user having confirmed that very list, and reads an
 * area the way the unit form does.
 */

/** A valid 身份证号 born 1976-05-04 with sequence `seq`. */
const idNo = (seq: number) => {
  const first = `11010519760504${String(seq).padStart(3, '0')}`;
  return first + idCheckChar(first);
};

type Row = Record<string, string | number | null>;

describe('imports: the example row, the confirmed list of title changes, one area parser', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Trust');
    staff = await login(t.app, s.accounts.staff1!.username);
    admin = await login(t.app, s.accounts.admin!.username);
  });
  afterAll(() => t.close());

  const estate = () => s.communities[0]!.estates[0]!.id;

  const template = async (c: Client, kind: string) => {
    const res = await c.get(`/api/imports/templates/${kind}`);
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  };

  /** The downloaded roll template with its example row replaced by `rows` (by header), as a user fills it in. */
  async function filledRoll(rows: Row[], keepExample = false) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template(staff, 'roll')) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    // Typed in under the header (the template's drop-downs reach row 1001, so addRow would land below them).
    const first = keepExample ? 3 : 2;
    if (!keepExample) headers.forEach((_h, c) => (ws.getRow(2).getCell(c + 1).value = null));
    rows.forEach((r, i) => headers.forEach((h, c) => (ws.getRow(first + i).getCell(c + 1).value = r[h] ?? null)));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const ownerRow = (number: string, name: string, id: string, acquired: string, extra: Row = {}): Row => ({
    楼栋: '1号楼',
    单元: '1单元',
    房号: number,
    楼层: 1,
    房屋类型: '住宅',
    '专有部分面积(㎡)': '89.37',
    面积来源: '不动产登记',
    开发商未售或未交付: '否',
    业主姓名: name,
    业主类型: '个人',
    证件号码: id,
    指定表决人: '否',
    取得方式: '不动产登记',
    取得日期: acquired,
    ...extra,
  });

  const upload = (c: Client, kind: string, nodeId: number, body: Buffer) =>
    c.raw({
      method: 'POST',
      url: `/api/imports?kind=${kind}&nodeId=${nodeId}&fileName=${encodeURIComponent('名册.xlsx')}`,
      headers: { 'content-type': XLSX_TYPE, 'x-csrf-token': c.csrf },
      payload: body,
    });

  async function checked(c: Client, kind: string, nodeId: number, body: Buffer) {
    const res = await upload(c, kind, nodeId, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  /** Everything an import can write, and the audit trail. */
  async function snapshot() {
    const count = async (table: 'person' | 'org_node' | 'property_company') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      units: await t.db.selectFrom('unit').selectAll().orderBy('id').execute(),
      ownerships: await t.db.selectFrom('ownership').selectAll().orderBy('id').execute(),
      persons: await count('person'),
      nodes: await count('org_node'),
      companies: await count('property_company'),
      audits: await auditCount(t.db),
    };
  }

  const ownersOf = (number: string, building = '1号楼') =>
    t.db
      .selectFrom('ownership as o')
      .innerJoin('unit as u', 'u.id', 'o.unit_id')
      .innerJoin('org_node as b', 'b.id', 'u.building_id')
      .innerJoin('person as p', 'p.id', 'o.person_id')
      .select(['o.id', 'p.name', 'o.designated_voter as voter', 'o.started_on', 'o.ended_on'])
      .where('u.estate_id', '=', estate())
      .where('b.name', '=', building)
      .where('u.number', '=', number)
      .orderBy('o.id')
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          started_on: String(r.started_on).slice(0, 10),
          ended_on: r.ended_on && String(r.ended_on).slice(0, 10),
        })),
      );

  const unitIdOf = async (number: string, building = '1号楼') =>
    (
      await t.db
        .selectFrom('unit as u')
        .innerJoin('org_node as b', 'b.id', 'u.building_id')
        .select('u.id')
        .where('u.estate_id', '=', estate())
        .where('b.name', '=', building)
        .where('u.number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;

  it('a first roll: owners on units that had none end nobody’s title — no list to confirm, committed as before', async () => {
    const b = await checked(
      staff,
      'roll',
      estate(),
      await filledRoll([
        // the estate's real owner of 1号楼1单元101, held since 2015 (the room of the template's example)
        ownerRow('101', '钱原业主', idNo(1), '2015-04-01'),
        ownerRow('102', '孙甲', idNo(2), '2016-05-01', { 指定表决人: '是' }),
        ownerRow('102', '孙乙', idNo(3), '2016-05-01'),
      ]),
    );
    expect(b).toMatchObject({ errorRows: 0, titleChanges: [], titleDigest: null });
    const res = await staff.post(`/api/imports/${b.id}/commit`, { mode: 'all' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await ownersOf('101')).toEqual([expect.objectContaining({ name: '钱原业主', started_on: '2015-04-01', ended_on: null })]);
  });

  describe('the template’s example row is never importable (issue 13, defect 1)', () => {
    it('the roll template uploaded unchanged: an error on its row, and no commit writes it — the real owner of 101 keeps the title', async () => {
      const before = await snapshot();
      const b = await checked(staff, 'roll', estate(), await template(staff, 'roll'));
      expect(b).toMatchObject({ rows: 1, validRows: 0, errorRows: 1, titleChanges: [], titleDigest: null });
      expect(b.errors).toEqual([{ row: 2, column: '', message: '第2行是模板中的示例行，请删除后再导入' }]);
      expect(b.actions).toContain('commit');

      const all = await staff.post(`/api/imports/${b.id}/commit`, { mode: 'all' });
      expect(all.statusCode).toBe(409);
      expect(all.json().message).toMatch(/不能全部导入/);
      const validOnly = await staff.post(`/api/imports/${b.id}/commit`, { mode: 'validOnly' });
      expect(validOnly.statusCode, validOnly.body).toBe(200);
      expect(validOnly.json().result).toMatchObject({ importedRows: 0, skippedRows: 1, changes: 0 });
      const after = await snapshot();
      expect(after.units).toEqual(before.units);
      expect(after.ownerships).toEqual(before.ownerships);
      expect(after.persons).toBe(before.persons);
      expect(await t.db.selectFrom('person').select('id').where('name', '=', '张三').execute()).toEqual([]);
      expect(await ownersOf('101')).toEqual([expect.objectContaining({ name: '钱原业主', started_on: '2015-04-01', ended_on: null })]);
    });

    it('the example left above real rows: that row is refused, the real rows are not blocked by it', async () => {
      const b = await checked(staff, 'roll', estate(), await filledRoll([ownerRow('201', '周新', idNo(4), '2021-01-01')], true));
      expect(b).toMatchObject({ rows: 2, validRows: 1, errorRows: 1 });
      expect(b.errors).toEqual([
        { row: 2, column: '', message: '第2行是模板中的示例行，请删除后再导入' },
        // 1号楼1单元101 is the example's room: nothing of it is imported from this file
      ]);
      await staff.delete(`/api/imports/${b.id}`);
    });

    it('the example’s ID number copied into a real-looking row is refused too (the example is recognised by its values, not its place)', async () => {
      const template = await filledRoll([
        ownerRow('202', '吴某', idNo(5), '2021-01-01'),
        ownerRow('201', '郑某', '110101199003071233', '2021-01-01'),
      ]);
      const b = await checked(staff, 'roll', estate(), template);
      expect(b).toMatchObject({ rows: 2, validRows: 1, errorRows: 1 });
      expect(b.errors).toEqual([
        {
          row: 3,
          column: '证件号码',
          message: '第3行的证件号码110101199003071233是模板示例中的号码，不是真实的证件号码：请删除该行或改为真实号码后再导入',
        },
      ]);
      // …and a row that repeats the example with its ID number blanked is still the example
      const blanked = await filledRoll([
        { ...ownerRow('101', '张三', '', '2024-01-05'), 手机号: '13800138000', 指定表决人: '是', 物业费状态: '已缴清' },
      ]);
      const b2 = await checked(staff, 'roll', estate(), blanked);
      expect(b2.errors).toEqual([{ row: 2, column: '', message: '第2行是模板中的示例行，请删除后再导入' }]);
      await staff.delete(`/api/imports/${b.id}`);
      await staff.delete(`/api/imports/${b2.id}`);
    });

    it('the people and companies templates uploaded unchanged: the same error, nothing written', async () => {
      const before = await snapshot();
      const people = await checked(admin, 'people', s.street, await template(admin, 'people'));
      expect(people).toMatchObject({ rows: 1, validRows: 0, errorRows: 1, changes: 0 });
      expect(people.errors).toEqual([{ row: 2, column: '', message: '第2行是模板中的示例行，请删除后再导入' }]);
      const companies = await checked(admin, 'companies', s.street, await template(admin, 'companies'));
      expect(companies).toMatchObject({ rows: 1, validRows: 0, errorRows: 1, changes: 0 });
      expect(companies.errors).toEqual([{ row: 2, column: '', message: '第2行是模板中的示例行，请删除后再导入' }]);
      for (const id of [people.id, companies.id]) {
        expect((await admin.post(`/api/imports/${id}/commit`, { mode: 'validOnly' })).statusCode).toBe(200);
      }
      const after = await snapshot();
      expect({ ...after, audits: 0 }).toEqual({ ...before, audits: 0 });
      expect(await t.db.selectFrom('person').select('id').where('name', '=', '李四').execute()).toEqual([]);
    });
  });

  describe('ending or changing an owner’s title needs the confirmed list (issue 13, defect 2)', () => {
    // 101: a transfer (钱原业主 ends, 冯新业主 starts); 102: the designated voter moves from 孙甲 to 孙乙 (R4);
    // 2号楼101: a first owner on an empty unit (ends nobody's title, not in the list).
    const transferFile = () =>
      filledRoll([
        ownerRow('101', '冯新业主', idNo(6), '2025-03-01'),
        ownerRow('102', '孙甲', idNo(2), '2016-05-01'),
        ownerRow('102', '孙乙', idNo(3), '2016-05-01', { 指定表决人: '是' }),
        { ...ownerRow('101', '陈首位', idNo(7), '2020-02-02'), 楼栋: '2号楼' },
      ]);
    let batch: {
      id: number;
      titleDigest: string;
      titleChanges: { unitId: number; room: string; ends: unknown[]; starts: unknown[]; changes: unknown[] }[];
    };
    let before: Awaited<ReturnType<typeof snapshot>>;

    beforeAll(async () => {
      before = await snapshot();
      batch = await checked(staff, 'roll', estate(), await transferFile());
    });

    it('the check lists per unit the room, whose title ends (name, masked ID, since, until) and who starts, with dates', async () => {
      expect(batch).toMatchObject({ errorRows: 0, summary: { tenuresEnded: 1, ownershipsNew: 2, ownershipsChanged: 2 } });
      expect(batch.titleDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(batch.titleChanges).toEqual([
        {
          unitId: await unitIdOf('101'),
          room: '1号楼1单元101',
          ends: [{ name: '钱原业主', idMasked: maskIdNumber(idNo(1)), since: '2015-04-01', until: '2025-03-01', voter: false }],
          starts: [{ name: '冯新业主', idMasked: maskIdNumber(idNo(6)), since: '2025-03-01', voter: false, newPerson: true }],
          changes: [],
        },
        {
          unitId: await unitIdOf('102'),
          room: '1号楼1单元102',
          ends: [],
          starts: [],
          changes: [
            {
              name: '孙甲',
              idMasked: maskIdNumber(idNo(2)),
              since: '2016-05-01',
              fields: [{ label: '指定表决人', before: '是', after: '否' }],
            },
            {
              name: '孙乙',
              idMasked: maskIdNumber(idNo(3)),
              since: '2016-05-01',
              fields: [{ label: '指定表决人', before: '否', after: '是' }],
            },
          ],
        },
      ]);
      // the same list when the batch is opened again
      const again = (await staff.get(`/api/imports/${batch.id}`)).json();
      expect(again.titleChanges).toEqual(batch.titleChanges);
      expect(again.titleDigest).toBe(batch.titleDigest);
      // the list of batches stays light: no change lists there
      const listed = (await staff.get('/api/imports')).json().items.find((b: { id: number }) => b.id === batch.id);
      expect(listed.titleChanges).toBeUndefined();
      expect(listed.summary.titleChangeUnits).toBe(2);
    });

    it('a commit without the confirmation is refused (400), nothing changes, no audit entry', async () => {
      for (const mode of ['all', 'validOnly']) {
        const res = await staff.post(`/api/imports/${batch.id}/commit`, { mode });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'CONFIRMATION_REQUIRED',
          message: '本次导入将结束或变更2套房屋的业主产权登记，请先核对检查结果中的产权变更清单，确认后再导入；未写入任何数据',
        });
      }
      expect(await snapshot()).toEqual(before);
      expect((await staff.get(`/api/imports/${batch.id}`)).json().status).toBe('checked');
    });

    it('a commit confirming another list (a wrong or malformed digest) is refused, nothing changes', async () => {
      const wrong = await staff.post(`/api/imports/${batch.id}/commit`, { mode: 'all', confirmDigest: '0'.repeat(64) });
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json().code).toBe('TITLE_CHANGES_CHANGED');
      const malformed = await staff.post(`/api/imports/${batch.id}/commit`, { mode: 'all', confirmDigest: 'yes' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().message).toMatch(/确认/);
      expect(await snapshot()).toEqual(before);
    });

    it('data moved after the check: the confirmed list is stale, the commit is refused (409) and nothing changes', async () => {
      // Meanwhile another file moves the voter of 102 the same way (and is itself confirmed).
      const other = await checked(
        staff,
        'roll',
        estate(),
        await filledRoll([
          ownerRow('102', '孙甲', idNo(2), '2016-05-01'),
          ownerRow('102', '孙乙', idNo(3), '2016-05-01', { 指定表决人: '是' }),
        ]),
      );
      expect(other.titleChanges).toHaveLength(1);
      const ok = await staff.post(`/api/imports/${other.id}/commit`, { mode: 'all', confirmDigest: other.titleDigest });
      expect(ok.statusCode, ok.body).toBe(200);

      const moved = await snapshot();
      const res = await staff.post(`/api/imports/${batch.id}/commit`, { mode: 'all', confirmDigest: batch.titleDigest });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'TITLE_CHANGES_CHANGED',
        message:
          '检查之后名册已有变化，本次导入将结束或变更的产权与您确认的清单不一致，未写入任何数据：请重新上传该文件，核对新的变更清单后再确认导入',
      });
      expect(await snapshot()).toEqual(moved);
      expect(await ownersOf('101')).toEqual([expect.objectContaining({ name: '钱原业主', ended_on: null })]);
    });

    it('the right confirmation applies exactly the listed changes, in one audited transaction', async () => {
      const fresh = await checked(staff, 'roll', estate(), await transferFile());
      expect(fresh.titleChanges.map((u: { room: string }) => u.room)).toEqual(['1号楼1单元101']);
      const old101 = await ownersOf('101');
      const before = await snapshot();
      const res = await staff.post(`/api/imports/${fresh.id}/commit`, { mode: 'all', confirmDigest: fresh.titleDigest });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'committed', titleChanges: fresh.titleChanges, titleDigest: fresh.titleDigest });

      // 101: exactly the listed end and start
      expect(await ownersOf('101')).toEqual([
        { id: old101[0]!.id, name: '钱原业主', voter: false, started_on: '2015-04-01', ended_on: '2025-03-01' },
        { id: expect.any(Number), name: '冯新业主', voter: false, started_on: '2025-03-01', ended_on: null },
      ]);
      // 2号楼101: the first owner of an empty unit (not a title change, not in the list)
      expect((await ownersOf('101', '2号楼')).map((o) => [o.name, o.ended_on])).toEqual([['陈首位', null]]);
      // nothing else: of the ownerships that existed, only the listed one changed
      const after = await snapshot();
      const changed = after.ownerships.filter((o) => {
        const was = before.ownerships.find((b) => b.id === o.id);
        return was && JSON.stringify(was) !== JSON.stringify(o);
      });
      expect(changed.map((o) => o.id)).toEqual([old101[0]!.id]);
      expect(after.ownerships.length - before.ownerships.length).toBe(2);
      expect(after.audits).toBe(before.audits + 1);
      const audit = await t.db.selectFrom('audit_entry').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'import.commit', entity_id: String(fresh.id) });
      expect(JSON.stringify(audit.after)).toContain(fresh.titleDigest);
    });
  });

  it('one area parser (defect 3): the unit API takes what the import takes — "８９．３７㎡" is 89.37, a huge area a 400', async () => {
    const buildingId = s.communities[0]!.estates[0]!.buildings[0]!;
    const res = await staff.post('/api/units', { buildingId, number: '901', area: '８９．３７㎡', areaSource: 'registered' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().area).toBe('89.37');
    const huge = await staff.post('/api/units', { buildingId, number: '902', area: '99999999.99', areaSource: 'registered' });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().message).toContain('面积超出范围');
  });
});
