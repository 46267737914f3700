import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar, usccCheckChar } from '../../core/identity.js';
import { XLSX_TYPE } from '../documents/spreadsheet.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

const ROLL_HEAD = [
  '楼栋',
  '单元',
  '房号',
  '楼层',
  '房屋类型',
  '专有部分面积(㎡)',
  '面积来源',
  '开发商未售或未交付',
  '业主姓名',
  '业主类型',
  '证件号码',
  '手机号',
  '指定表决人',
  '取得方式',
  '取得日期',
  '物业费状态',
  '欠费起始日期',
  '欠费金额(元)',
];

/** A valid 身份证号 born 1990-03-07 with sequence `seq`. */
const idNo = (seq: number) => {
  const first = `11010119900307${String(seq).padStart(3, '0')}`;
  return first + idCheckChar(first);
};
const uscc = (seq: number) => {
  const first = `91110105MA01AB${String(seq).padStart(3, '0')}`;
  return first + usccCheckChar(first);
};

type Cell = string | number | Date | null;
/** An 18-digit ID number as Excel keeps it when the column is not text: a double, last digits gone. */
const ID_AS_NUMBER = Number('110101199003071234');
/** A roll row: unit fields, then owner fields; missing trailing cells are empty. */
const unitRow = (
  b: string,
  n: string,
  area: Cell,
  owner: Cell[] = [],
  extra: Partial<Record<'floor' | 'source' | 'dev' | 'fee' | 'since' | 'amount', Cell>> = {},
) => [
  b,
  '1单元',
  n,
  extra.floor ?? null,
  '住宅',
  area,
  extra.source ?? '不动产登记',
  extra.dev ?? '否',
  ...[0, 1, 2, 3, 4, 5, 6].map((i) => owner[i] ?? null),
  extra.fee ?? null,
  extra.since ?? null,
  extra.amount ?? null,
];
/** owner cells: 业主姓名, 业主类型, 证件号码, 手机号, 指定表决人, 取得方式, 取得日期 */
const owner = (name: string, id: string, voter = '否', acquired: Cell = '2020-06-01', kind = '个人', mobile: Cell = null) => [
  name,
  kind,
  id,
  mobile,
  voter,
  '不动产登记',
  acquired,
];

async function xlsx(rows: Cell[][], opts: { head?: string[]; sheet?: string; before?: (ws: ExcelJS.Worksheet) => void } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '业主名册');
  if (opts.before) opts.before(ws);
  else ws.addRow(opts.head ?? ROLL_HEAD);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel import: owner roll, people, companies', () => {
  let t: TestApp;
  let s: TestStreet;
  let admin: Client;
  let staff: Client;
  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Imp');
    admin = await login(t.app, s.accounts.admin!.username);
    staff = await login(t.app, s.accounts.staff1!.username);
  });
  afterAll(() => t.close());

  const estate = () => s.communities[0]!.estates[0]!.id;
  const estate2 = () => s.communities[0]!.estates[1]!.id;

  const upload = (c: Client, kind: string, nodeId: number, body: Buffer, type = XLSX_TYPE) =>
    c.raw({
      method: 'POST',
      url: `/api/imports?kind=${kind}&nodeId=${nodeId}&fileName=${encodeURIComponent('名册.xlsx')}`,
      headers: { 'content-type': type, 'x-csrf-token': c.csrf },
      payload: body,
    });

  async function snapshot() {
    const count = async (table: 'unit' | 'person' | 'ownership' | 'org_node' | 'import_batch' | 'property_company') =>
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
      persons: await count('person'),
      ownerships: await t.db.selectFrom('ownership').selectAll().orderBy('id').execute(),
      nodes: await count('org_node'),
      companies: await count('property_company'),
      audits: await auditCount(t.db),
    };
  }

  /** A refused file: the status, a Chinese message matching `pattern`, no batch stored, nothing written. */
  async function refusedFile(c: Client, kind: string, nodeId: number, body: Buffer, status: number, pattern: RegExp, type = XLSX_TYPE) {
    const before = await snapshot();
    const batches = await t.db.selectFrom('import_batch').select('id').execute();
    const res = await upload(c, kind, nodeId, body, type);
    expect(res.statusCode, res.body).toBe(status);
    const msg = res.json().message as string;
    expect(msg).toMatch(/[\u4e00-\u9fa5]/);
    expect(msg).toMatch(pattern);
    expect(await t.db.selectFrom('import_batch').select('id').execute()).toEqual(batches);
    expect(await snapshot()).toEqual(before);
    return msg;
  }

  const unitOf = (estateId: number, building: string, number: string) =>
    t.db
      .selectFrom('unit as u')
      .innerJoin('org_node as b', 'b.id', 'u.building_id')
      .selectAll('u')
      .where('u.estate_id', '=', estateId)
      .where('b.name', '=', building)
      .where('u.number', '=', number)
      .executeTakeFirstOrThrow();

  const ownersOf = async (unitId: number) =>
    t.db
      .selectFrom('ownership as o')
      .innerJoin('person as p', 'p.id', 'o.person_id')
      .select(['p.name', 'o.designated_voter', 'o.started_on', 'o.ended_on', 'o.basis'])
      .where('o.unit_id', '=', unitId)
      .orderBy('o.id')
      .execute();

  const happyRoll = () =>
    xlsx([
      unitRow('1号楼', '101', '89.37', owner('张三', idNo(1), '否', '2020-06-01', '个人', '13800138001'), { fee: '已缴清', floor: 1 }),
      unitRow('1号楼', '102', '89.37', owner('李四', idNo(2), '是'), { floor: 1 }),
      unitRow('1号楼', '102', '89.37', owner('王五', idNo(3), '否'), { floor: 1 }),
      // R3: developer stock, owned by the developer (an organisation, USCC), in a building the estate does not have yet.
      unitRow('3号楼', '101', '120.50', owner('某某房地产开发有限公司', uscc(1), '否', '2019-01-01', '单位'), { dev: '是' }),
      // a unit only, in arrears (R37)
      unitRow('3号楼', '102', '95', [], { fee: '欠费', since: '2024/1/5', amount: '1200.50' }),
    ]);

  it('roll template: Chinese headers, an example row, a 说明 sheet, text-formatted ID column', async () => {
    const res = await staff.get('/api/imports/templates/roll');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('业主名册导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(ROLL_HEAD);
    expect(ws.getCell('K2').value).toBe('110101199003071233');
    expect(ws.getColumn(11).numFmt).toBe('@');
    const help = wb.getWorksheet('说明')!;
    expect(help.getCell('A2').value).toBe('楼栋');
    expect(help.getCell('B2').value).toBe('必填');
    // The example row is shown, never imported (issue 13; trust.test.ts has the rest).
    const check = await upload(staff, 'roll', estate2(), res.rawPayload);
    expect(check.statusCode, check.body).toBe(201);
    expect(check.json()).toMatchObject({ rows: 1, errorRows: 1, errors: [{ row: 2, message: '第2行是模板中的示例行，请删除后再导入' }] });
    await staff.delete(`/api/imports/${check.json().id}`);
  });

  it('templates follow the reader permission: property staff get the companies template only', async () => {
    const company = await login(t.app, s.accounts.company!.username);
    expect((await company.get('/api/imports/templates/roll')).statusCode).toBe(403);
    expect((await company.get('/api/imports/templates/companies')).statusCode).toBe(200);
    expect((await staff.get('/api/imports/templates/people')).statusCode).toBe(200);
  });

  it('happy path: check writes nothing and reports what would change; commit writes units, co-owners (R4), developer stock (R3), fees (R37)', async () => {
    const before = await snapshot();
    const res = await upload(staff, 'roll', estate(), await happyRoll());
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({ kind: 'roll', status: 'checked', fileName: '名册.xlsx', rows: 5, validRows: 5, errorRows: 0, errors: [] });
    expect(b.summary).toMatchObject({
      buildingsNew: 1,
      unitsNew: 2,
      unitsChanged: 1, // 101: fee status now known
      unitsUnchanged: 1,
      ownersNew: 4,
      ownershipsNew: 4,
      tenuresEnded: 0,
      developerStockUnits: 1,
      arrearsUnits: 1,
    });
    expect(b.warnings.map((w: { message: string }) => w.message).join()).toContain('将新建楼栋');
    expect(b.actions).toEqual(['report', 'commit', 'discard']);
    // nothing written on check
    expect(await snapshot()).toEqual(before);

    const commit = await staff.post(`/api/imports/${b.id}/commit`, { mode: 'all' });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ status: 'committed', result: { mode: 'all', importedRows: 5, unitsNew: 2, ownershipsNew: 4 } });
    // the planner knows the new rows at once (ANALYZE after the commit; PGlite has no autovacuum)
    for (const table of ['unit', 'ownership', 'person']) {
      const r = await sql<{ planned: number; real: number }>`
        select c.reltuples::int as planned, (select count(*)::int from ${sql.table(table)}) as real
        from pg_class c where c.relname = ${table}`.execute(t.db);
      expect(r.rows[0]!.planned, table).toBe(r.rows[0]!.real);
    }
    expect(await auditCount(t.db)).toBe(before.audits + 1);
    const audit = await t.db.selectFrom('audit_entry').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'import.commit', entity_type: 'import_batch', node_id: estate() });

    const u101 = await unitOf(estate(), '1号楼', '101');
    expect(u101).toMatchObject({ fee_status: 'paidUp', floor: 1, area_centi: 8937 });
    expect(await ownersOf(u101.id)).toEqual([
      { name: '张三', designated_voter: false, started_on: expect.anything(), ended_on: null, basis: 'registered' },
    ]);
    const u102 = await unitOf(estate(), '1号楼', '102');
    const co = await ownersOf(u102.id);
    expect(co.map((o) => [o.name, o.designated_voter])).toEqual([
      ['李四', true],
      ['王五', false],
    ]);
    const dev = await unitOf(estate(), '3号楼', '101');
    expect(dev).toMatchObject({ developer_stock: true, area_centi: 12050, area_source: 'registered' });
    const arrears = await unitOf(estate(), '3号楼', '102');
    expect(arrears).toMatchObject({ fee_status: 'arrears', area_centi: 9500 });
    expect(String(arrears.fee_arrears_fen)).toBe('120050');
    expect(await ownersOf(arrears.id)).toEqual([]);
    // persons stored as personColumns does: keyed hash, cipher, mask — never the number in the clear
    const p = await t.db.selectFrom('person').selectAll().where('name', '=', '张三').executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      street_id: s.street,
      node_id: estate(),
      id_masked: `1101**********${idNo(1).slice(-4)}`,
      mobile: '13800138001',
    });
    expect(p.id_hash).toBeTruthy();
    expect(p.id_cipher).not.toContain(idNo(1));
    const org = await t.db.selectFrom('person').selectAll().where('kind', '=', 'organisation').executeTakeFirstOrThrow();
    expect(org.id_masked).toBe(uscc(1));
    // the new building is in the closure: the estate's readers reach it
    const building = await t.db
      .selectFrom('org_node')
      .select('id')
      .where('name', '=', '3号楼')
      .where('parent_id', '=', estate())
      .executeTakeFirstOrThrow();
    const anc = await t.db.selectFrom('org_closure').select('ancestor_id').where('descendant_id', '=', building.id).execute();
    expect(anc.map((a) => a.ancestor_id)).toEqual(expect.arrayContaining([estate(), s.communities[0]!.id, s.street]));

    // committed once only
    const again = await staff.post(`/api/imports/${b.id}/commit`, { mode: 'all' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已导入');
  });

  it('re-importing the same file changes nothing, and says so', async () => {
    const before = await snapshot();
    const res = await upload(staff, 'roll', estate(), await happyRoll());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ changes: 0, errorRows: 0 });
    expect(res.json().summary).toMatchObject({
      unitsNew: 0,
      unitsChanged: 0,
      unitsUnchanged: 4,
      ownersNew: 0,
      ownershipsNew: 0,
      ownershipsUnchanged: 4,
    });
    const commit = await staff.post(`/api/imports/${res.json().id}/commit`, { mode: 'all' });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().result).toMatchObject({ changes: 0, message: expect.stringContaining('没有需要写入的变更') });
    const after = await snapshot();
    expect(after.units).toEqual(before.units);
    expect(after.ownerships).toEqual(before.ownerships);
    expect(after.persons).toBe(before.persons);
  });

  it('a transfer: a new owner in a later file ends the old tenure on the 取得日期, history kept', async () => {
    const file = await xlsx([unitRow('1号楼', '101', '89.37', owner('赵六', idNo(6), '否', '2025-03-01'), { fee: '已缴清', floor: 1 })]);
    const res = await upload(staff, 'roll', estate(), file);
    expect(res.json().summary).toMatchObject({ ownershipsNew: 1, tenuresEnded: 1, ownersNew: 1, unitsUnchanged: 1 });
    // Ending 张三's title is on the list the commit must confirm (issue 13).
    expect(res.json().titleChanges).toMatchObject([{ room: '1号楼1单元101', ends: [{ name: '张三' }], starts: [{ name: '赵六' }] }]);
    const commit = await staff.post(`/api/imports/${res.json().id}/commit`, { mode: 'all', confirmDigest: res.json().titleDigest });
    expect(commit.statusCode, commit.body).toBe(200);
    const u101 = await unitOf(estate(), '1号楼', '101');
    const history = await ownersOf(u101.id);
    expect(history.map((o) => [o.name, String(o.started_on).slice(0, 10), o.ended_on && String(o.ended_on).slice(0, 10)])).toEqual([
      ['张三', '2020-06-01', '2025-03-01'],
      ['赵六', '2025-03-01', null],
    ]);
  });

  it('real sheets: a title row, merged grouped headers, full-width digits, areas with ㎡ / 平方米 / m², Excel dates', async () => {
    const file = await xlsx([], {
      before: (ws) => {
        ws.addRow(['某小区业主名册（2026年）']);
        ws.addRow(['楼栋', '房屋信息', null, null, null, null, null, null, '业主信息']);
        ws.addRow([null, ...ROLL_HEAD.slice(1)]);
        ws.mergeCells('A1:R1');
        ws.mergeCells('A2:A3'); // 楼栋 spans both header rows
        ws.mergeCells('B2:H2');
        ws.mergeCells('I2:R2');
        ws.addRow([
          '１号楼',
          '１单元',
          '１０３',
          '１',
          '住宅',
          '89.37㎡',
          '实测',
          '否',
          '陈　七',
          '个人',
          idNo(7).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
          '１３９００１３９０００',
          '否',
          '不动产登记',
          new Date(Date.UTC(2021, 4, 6)),
        ]);
        ws.addRow([
          '1号楼',
          '1单元',
          104,
          1,
          '住宅',
          '90.5平方米',
          '合同',
          '否',
          '周八',
          '个人',
          idNo(8),
          13900139001,
          '否',
          '不动产登记',
          '2021年5月6日',
        ]);
        ws.addRow(['1号楼', '1单元', '105', 1, '住宅', '88 m²', '不动产登记', '否']);
      },
    });
    const res = await upload(staff, 'roll', estate(), file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ headerRow: 3, rows: 3, errorRows: 0 });
    expect((await staff.post(`/api/imports/${res.json().id}/commit`, { mode: 'all' })).statusCode).toBe(200);
    const u103 = await unitOf(estate(), '1号楼', '103');
    expect(u103).toMatchObject({ area_centi: 8937, area_source: 'surveyed', entrance: '1单元', floor: 1 });
    expect((await unitOf(estate(), '1号楼', '104')).area_centi).toBe(9050);
    expect((await unitOf(estate(), '1号楼', '105')).area_centi).toBe(8800);
    const owners = await ownersOf(u103.id);
    expect(owners.map((o) => [o.name, String(o.started_on).slice(0, 10)])).toEqual([['陈 七', '2021-05-06']]);
    const p = await t.db.selectFrom('person').select(['mobile', 'birth_date']).where('name', '=', '陈 七').executeTakeFirstOrThrow();
    expect(p.mobile).toBe('13900139000');
  });

  describe('row errors: reported with row and column, nothing written unless the user chooses the valid rows', () => {
    let batch: { id: number; errors: { row: number; column: string; message: string }[]; warnings: { row: number; message: string }[] };
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      const file = await xlsx([
        unitRow('2号楼', '101', '89.37', owner('甲', idNo(11))), // row 2 valid (existing unit)
        unitRow('2号楼', '301', '89.37', [null, null, ID_AS_NUMBER]), // row 3: owner name missing
        unitRow('2号楼', '302', '89.37', owner('乙', '110101199003071234')), // row 4: invalid checksum
        [...unitRow('2号楼', '303', '89.37', owner('丙', idNo(13))).slice(0, 10), ID_AS_NUMBER, ...Array(7).fill(null)], // row 5: ID as a number
        unitRow('2号楼', '304', '89.375', owner('丁', idNo(14))), // row 6: 3 decimals
        unitRow('2号楼', '305', '0', owner('戊', idNo(15))), // row 7: area 0
        unitRow('2号楼', '306', '80.00'), // row 8
        unitRow('2号楼', '306', '80.00'), // row 9: duplicate unit row
        unitRow('2号楼', '307', '80.00', owner('己', idNo(17))), // row 10
        unitRow('2号楼', '307', '81.00', owner('庚', idNo(18))), // row 11: same unit, conflicting area
        unitRow('2号楼', '308', '80.00', owner('辛', idNo(19), '是')), // row 12
        unitRow('2号楼', '308', '80.00', owner('壬', idNo(20), '是')), // row 13: second voter (R4)
        unitRow('2号楼', '309', '80.00', owner('癸', idNo(21))), // row 14
        unitRow('2号楼', '309', '80.00', owner('癸', idNo(21))), // row 15: same owner twice
        unitRow('2号楼', '310', '80.00', owner('子', idNo(22))), // row 16: co-owned, no voter → warning only
        unitRow('2号楼', '310', '80.00', owner('丑', idNo(23))), // row 17
        unitRow('2号楼', '311', '80.00', owner('寅', idNo(24)), { fee: '欠费' }), // row 18: arrears without a date
      ]);
      before = await snapshot();
      const res = await upload(staff, 'roll', estate(), file);
      expect(res.statusCode, res.body).toBe(201);
      batch = res.json();
    });

    const at = (row: number) => batch.errors.filter((e) => e.row === row);

    it('each problem names its row, column and what to do', () => {
      expect(at(2)).toEqual([]);
      expect(at(3)[0]).toMatchObject({ column: '业主姓名', message: expect.stringContaining('业主姓名为空') });
      expect(at(4)[0]).toMatchObject({ column: '证件号码', message: expect.stringContaining('校验位不正确') });
      expect(at(5)[0]).toMatchObject({
        column: '证件号码',
        message: '证件号码被Excel存为数字，末几位已丢失，请将该列设为文本格式后重新填写',
      });
      expect(at(6)[0]).toMatchObject({ column: '专有部分面积(㎡)', message: '面积最多保留两位小数' });
      expect(at(7)[0]).toMatchObject({ column: '专有部分面积(㎡)', message: '面积必须大于 0' });
      expect(at(8)).toEqual([expect.objectContaining({ message: expect.stringContaining('第9行有错误') })]);
      expect(at(9)[0]!.message).toContain('房屋重复');
      expect(at(11)[0]!.message).toMatch(/房屋重复且信息不一致.*专有部分面积/);
      expect(at(13)[0]).toMatchObject({ column: '指定表决人', message: expect.stringContaining('R4') });
      expect(at(15)[0]!.message).toContain('重复登记');
      expect(at(16)).toEqual([]);
      expect(batch.warnings.find((w) => w.row === 16)?.message).toMatch(/未指定表决人（R4/);
      expect(at(18)[0]).toMatchObject({ column: '欠费起始日期' });
      expect(batch).toMatchObject({ rows: 17, errorRows: 14, validRows: 3 });
    });

    it('nothing was written by the check', async () => {
      expect(await snapshot()).toEqual(before);
    });

    it('the error report lists 行号, 列, 问题 and the original row', async () => {
      const res = await staff.get(`/api/imports/${batch.id}/report`);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('名册-错误报告.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['行号', '列', '类型', '问题']);
      const rows = (ws.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      const r5 = rows.find((r) => r[0] === 5)!;
      expect(r5[3]).toContain('被Excel存为数字');
      expect(r5[4 + 2]).toBe('303'); // 原值：房号
    });

    it("'all' is refused while the file has errors (409, nothing written)", async () => {
      const res = await staff.post(`/api/imports/${batch.id}/commit`, { mode: 'all' });
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toMatch(/不能全部导入.*只导入无错误的行/);
      expect(await snapshot()).toEqual(before);
    });

    it("'validOnly' writes the valid rows only", async () => {
      const res = await staff.post(`/api/imports/${batch.id}/commit`, { mode: 'validOnly' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().result).toMatchObject({ mode: 'validOnly', importedRows: 3, skippedRows: 14 });
      expect((await ownersOf((await unitOf(estate(), '2号楼', '101')).id)).map((o) => o.name)).toEqual(['甲']);
      const u310 = await unitOf(estate(), '2号楼', '310');
      expect((await ownersOf(u310.id)).map((o) => [o.name, o.designated_voter])).toEqual([
        ['子', false],
        ['丑', false],
      ]);
      const missing = await t.db
        .selectFrom('unit as u')
        .innerJoin('org_node as b', 'b.id', 'u.building_id')
        .select('u.number')
        .where('u.estate_id', '=', estate())
        .where('b.name', '=', '2号楼')
        .where('u.number', 'in', ['301', '302', '303', '304', '305', '306', '307', '308', '309', '311'])
        .execute();
      expect(missing).toEqual([]);
    });
  });

  describe('malformed files: a clear Chinese message, nothing stored or written', () => {
    it('not an xlsx', async () => {
      await refusedFile(staff, 'roll', estate(), Buffer.from('楼栋,房号\n1号楼,101\n'), 400, /不是有效的Excel\(\.xlsx\)文件/);
    });
    it('a zip that is not a workbook', async () => {
      await refusedFile(
        staff,
        'roll',
        estate(),
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
        400,
        /不是有效的Excel/,
      );
    });
    it('a password-protected file or old .xls (OLE header)', async () => {
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
      await refusedFile(staff, 'roll', estate(), ole, 400, /取消密码.*\.xlsx/, 'application/octet-stream');
    });
    it('0 data rows', async () => {
      await refusedFile(staff, 'roll', estate(), await xlsx([]), 400, /没有数据行/);
    });
    it('the wrong sheet: the missing headers are named and the template pointed to', async () => {
      const msg = await refusedFile(
        staff,
        'roll',
        estate(),
        await xlsx([['李四', idNo(1)]], { head: ['姓名', '证件号码'] }),
        400,
        /缺少必需的列/,
      );
      expect(msg).toContain('楼栋');
      expect(msg).toContain('模板');
      await refusedFile(staff, 'roll', estate(), await xlsx([['x']], { head: ['随便什么'] }), 400, /没有找到业主名册的表头/);
    });
    it('too big: 413 before the file is read', async () => {
      await refusedFile(staff, 'roll', estate(), Buffer.alloc(20 * 1024 * 1024 + 1), 413, /超过20 MB/);
    });
    it('JSON instead of a file: 415', async () => {
      const res = await staff.post(`/api/imports?kind=roll&nodeId=${estate()}`, { a: 1 });
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toMatch(/Excel/);
    });
  });

  describe('roles and scope', () => {
    it('committee member of the estate (reads the roll, may not keep it): 403', async () => {
      const member = await login(t.app, s.accounts.member!.username);
      await refusedFile(member, 'roll', estate(), await happyRoll(), 403, /维护业主名册/);
    });
    it('grid worker (the estate is not in their scope): 404', async () => {
      const grid = await login(t.app, s.accounts.grid!.username);
      await refusedFile(grid, 'roll', estate(), await happyRoll(), 404, /不存在或您无权查看/);
    });
    it('staff of another community: 404, and they neither see nor commit the batch', async () => {
      const other = await login(t.app, s.accounts.staff2!.username);
      await refusedFile(other, 'roll', estate(), await happyRoll(), 404, /不存在或您无权查看/);
      const mine = await upload(staff, 'roll', estate(), await happyRoll());
      const id = mine.json().id;
      expect((await other.get(`/api/imports/${id}`)).statusCode).toBe(404);
      expect((await other.get(`/api/imports/${id}/report`)).statusCode).toBe(404);
      expect((await other.post(`/api/imports/${id}/commit`, { mode: 'all' })).statusCode).toBe(404);
      expect((await other.get('/api/imports')).json().items.map((b: { id: number }) => b.id)).not.toContain(id);
      expect((await staff.get(`/api/imports?nodeId=${estate()}`)).json().items.map((b: { id: number }) => b.id)).toContain(id);
      // discarded: stays listed, cannot be committed
      expect((await staff.delete(`/api/imports/${id}`)).statusCode).toBe(200);
      const commit = await staff.post(`/api/imports/${id}/commit`, { mode: 'all' });
      expect(commit.statusCode).toBe(409);
      expect(commit.json().message).toContain('已放弃');
    });
    it('the roll goes to an estate only', async () => {
      await refusedFile(staff, 'roll', s.communities[0]!.id, await happyRoll(), 400, /只能导入到小区/);
    });
  });

  it('people: created under the named place with party status and tags; a bad row reported and skipped', async () => {
    const head = ['姓名', '证件号码', '手机号', '政治面貌', '所属党组织', '背景', '职业', '住址', '登记位置'];
    const community = s.communities[0]!;
    const communityName = (await t.db.selectFrom('org_node').select('name').where('id', '=', community.id).executeTakeFirstOrThrow()).name;
    const file = await xlsx(
      [
        ['刘一', idNo(31), '13700137000', '正式党员', null, '三老、两代表一委员', '退休教师', '1号楼101', communityName],
        ['刘二', idNo(32), '12345', '群众'],
      ],
      { head, sheet: '人员' },
    );
    const res = await upload(admin, 'people', s.street, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 2, errorRows: 1, summary: { personsNew: 1 } });
    expect(res.json().errors[0]).toMatchObject({ row: 3, column: '手机号' });
    expect((await admin.post(`/api/imports/${res.json().id}/commit`, { mode: 'all' })).statusCode).toBe(409);
    expect((await admin.post(`/api/imports/${res.json().id}/commit`, { mode: 'validOnly' })).statusCode).toBe(200);
    const p = await t.db.selectFrom('person').selectAll().where('name', '=', '刘一').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ node_id: community.id, party_status: 'full', occupation: '退休教师', mobile: '13700137000' });
    expect(p.tags).toEqual(['veteran', 'deputy']);
    expect(await t.db.selectFrom('person').select('id').where('name', '=', '刘二').execute()).toEqual([]);
    // community staff may not import people at the street
    await refusedFile(staff, 'people', s.street, file, 404, /不存在或您无权查看/);
    // …and a committee member at their estate is refused for the kind of node and the right
    const member = await login(t.app, s.accounts.member!.username);
    await refusedFile(member, 'people', estate(), file, 403, /维护业主名册和人员/);
  });

  it('companies: registered by the street, keyed by USCC; a bad code reported and skipped', async () => {
    const head = ['企业名称', '统一社会信用代码', '法定代表人', '联系电话', '地址'];
    const file = await xlsx(
      [
        ['导入物业服务有限公司', uscc(41), '王经理', '010-12345678', '和平路1号'],
        ['错误物业有限公司', '91110105MA01AB0420', '李经理'],
      ],
      { head, sheet: '企业' },
    );
    const res = await upload(admin, 'companies', s.street, file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 2, errorRows: 1, summary: { companiesNew: 1 } });
    expect(res.json().errors[0]).toMatchObject({ row: 3, column: '统一社会信用代码', message: expect.stringContaining('校验位') });
    expect((await admin.post(`/api/imports/${res.json().id}/commit`, { mode: 'validOnly' })).statusCode).toBe(200);
    const c = await t.db
      .selectFrom('property_company as pc')
      .innerJoin('org_node as n', 'n.id', 'pc.node_id')
      .select(['n.name', 'n.kind', 'pc.street_id', 'pc.legal_representative', 'pc.phone'])
      .where('pc.uscc', '=', uscc(41))
      .executeTakeFirstOrThrow();
    expect(c).toEqual({
      name: '导入物业服务有限公司',
      kind: 'company',
      street_id: s.street,
      legal_representative: '王经理',
      phone: '010-12345678',
    });
    // again: nothing changes
    const again = await upload(
      admin,
      'companies',
      s.street,
      await xlsx([['导入物业服务有限公司', uscc(41), '王经理', '010-12345678', '和平路1号']], { head }),
    );
    expect(again.json()).toMatchObject({ changes: 0, summary: { companiesUnchanged: 1 } });
    // community staff may not register companies
    await refusedFile(staff, 'companies', s.street, file, 404, /不存在或您无权查看/);
  });
});
