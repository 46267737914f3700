import { validateUscc } from '../../core/identity.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { rebuildClosure } from '../org/closure.js';
import { COMPANY_COLUMNS } from './columns.js';
import {
  chunks,
  updateFromValues,
  type ImportPlan,
  type Importer,
  type PlanContext,
  type RowError,
  type Validated,
  headersOf,
  rowReader,
  exampleRowError,
} from './importer.js';
import { idText, text, type RawValue, giveTurn, TURN_ROWS } from './workbook.js';

/**
 * Property companies (物业服务企业) registered by a street, keyed by 统一社会信用代码: a company
 * this street registered already is updated; one registered by another street is refused.
 */

export interface CompanyRow {
  row: number;
  name: string;
  uscc: string;
  legalRepresentative: string | null;
  phone: string | null;
  address: string | null;
}

const H = headersOf(COMPANY_COLUMNS);

function validateRow(values: Record<string, RawValue>, row: number, errors: RowError[]): CompanyRow | null {
  // Never the template's example, whatever else the row holds (issue 13).
  const example = exampleRowError(COMPANY_COLUMNS, values, row);
  if (example) {
    errors.push(example);
    return null;
  }
  const { val, err, failed } = rowReader(COMPANY_COLUMNS, values, row, errors);
  const name = text(val('name'));
  if (!name) err('name', '企业名称不能为空');
  else if (name.length > 100) err('name', '企业名称不能超过100个字');
  let uscc = '';
  if (val('uscc') === null) err('uscc', '统一社会信用代码不能为空');
  else {
    const raw = idText(val('uscc'));
    if (!raw.ok) err('uscc', raw.message.replace('证件号码', '统一社会信用代码'));
    else {
      const u = validateUscc(raw.value);
      if (!u.ok) err('uscc', u.message);
      else uscc = u.value;
    }
  }
  const legalRepresentative = text(val('legalRepresentative'));
  if (legalRepresentative && legalRepresentative.length > 50) err('legalRepresentative', '法定代表人不能超过50个字');
  const phone = text(val('phone'));
  if (phone && !/^[0-9+\-()（）\s转]{5,30}$/.test(phone)) err('phone', '联系电话格式不正确，如 010-12345678 或 13800138000');
  const address = text(val('address'));
  if (address && address.length > 200) err('address', '地址不能超过200个字');
  if (failed() || !name) return null;
  return { row, name, uscc, legalRepresentative, phone, address };
}

async function validateCompanies(sheet: { rows: { row: number; values: Record<string, RawValue> }[] }): Promise<Validated<CompanyRow>> {
  const errors: RowError[] = [];
  const rows: CompanyRow[] = [];
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  for (const [i, r] of sheet.rows.entries()) {
    if (i > 0 && i % TURN_ROWS === 0) await giveTurn();
    const c = validateRow(r.values, r.row, errors);
    if (!c) continue;
    const dupCode = byCode.get(c.uscc);
    const dupName = byName.get(c.name);
    if (dupCode !== undefined) errors.push({ row: r.row, column: H.uscc!, message: `统一社会信用代码与第${dupCode}行重复` });
    else if (dupName !== undefined) errors.push({ row: r.row, column: H.name!, message: `企业名称与第${dupName}行重复` });
    else {
      byCode.set(c.uscc, r.row);
      byName.set(c.name, r.row);
      rows.push(c);
    }
  }
  return { rows, errors, warnings: [], totalRows: sheet.rows.length };
}

async function planCompanies(q: Db | Trx, ctx: PlanContext, v: Validated<CompanyRow>): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const codes = v.rows.map((r) => r.uscc);
  const names = v.rows.map((r) => r.name);
  const known = new Map<
    string,
    { node_id: number; street_id: number; name: string; address: string | null; legal_representative: string | null; phone: string | null }
  >();
  for (const part of chunks(codes, 5000)) {
    const rows = await q
      .selectFrom('property_company as pc')
      .innerJoin('org_node as n', 'n.id', 'pc.node_id')
      .select(['pc.node_id', 'pc.street_id', 'pc.uscc', 'n.name', 'n.address', 'pc.legal_representative', 'pc.phone'])
      .where('pc.uscc', 'in', part)
      .execute();
    for (const r of rows) known.set(r.uscc, r);
  }
  const nameTaken = new Map<string, number>();
  for (const part of chunks(names, 5000)) {
    const rows = await q.selectFrom('org_node').select(['id', 'name']).where('kind', '=', 'company').where('name', 'in', part).execute();
    for (const r of rows) nameTaken.set(r.name, r.id);
  }

  const created: CompanyRow[] = [];
  const changed: { row: CompanyRow; nodeId: number }[] = [];
  let unchanged = 0;
  for (const r of v.rows) {
    const k = known.get(r.uscc);
    const holder = nameTaken.get(r.name);
    if (k && k.street_id !== ctx.streetId) {
      errors.push({ row: r.row, column: H.uscc!, message: '该统一社会信用代码的企业已由其他街道登记，请联系该街道或区主管部门' });
      continue;
    }
    if (holder !== undefined && holder !== k?.node_id) {
      errors.push({ row: r.row, column: H.name!, message: `系统中已有名为“${r.name}”的企业，但统一社会信用代码不同，请核对` });
      continue;
    }
    if (!k) created.push(r);
    else if (
      k.name === r.name &&
      k.address === (r.address ?? k.address) &&
      k.legal_representative === (r.legalRepresentative ?? k.legal_representative) &&
      k.phone === (r.phone ?? k.phone)
    )
      unchanged++;
    else changed.push({ row: r, nodeId: k.node_id });
  }
  const summary = { companiesNew: created.length, companiesChanged: changed.length, companiesUnchanged: unchanged };
  return {
    summary,
    changes: created.length + changed.length,
    errors,
    warnings: [],
    async apply(trx) {
      for (const part of chunks(created)) {
        const nodes = await trx
          .insertInto('org_node')
          .values(part.map((r) => ({ kind: 'company' as const, name: r.name, address: r.address, parent_id: null })))
          .returning(['id', 'name'])
          .execute();
        const idByName = new Map(nodes.map((n) => [n.name, n.id]));
        await rebuildClosure(
          trx,
          nodes.map((n) => n.id),
        );
        await trx
          .insertInto('property_company')
          .values(
            part.map((r) => ({
              node_id: idByName.get(r.name)!,
              street_id: ctx.streetId,
              uscc: r.uscc,
              legal_representative: r.legalRepresentative,
              phone: r.phone,
            })),
          )
          .execute();
      }
      const rows = changed.map((c) => ({ id: c.nodeId, row: c.row }));
      await updateFromValues(
        trx,
        'org_node',
        [
          { name: 'name', type: 'text' },
          { name: 'address', type: 'text' },
        ],
        rows.map((r) => ({ id: r.id, values: [r.row.name, r.row.address ?? known.get(r.row.uscc)!.address] })),
        'updated_at = now()',
      );
      await updateFromValues(
        trx,
        'property_company',
        [
          { name: 'legal_representative', type: 'text' },
          { name: 'phone', type: 'text' },
        ],
        rows.map((r) => {
          const k = known.get(r.row.uscc)!;
          return { id: r.id, values: [r.row.legalRepresentative ?? k.legal_representative, r.row.phone ?? k.phone] };
        }),
        'updated_at = now()',
        'node_id',
      );
    },
  };
}

export const companyImporter: Importer<CompanyRow> = {
  kind: 'companies',
  columns: COMPANY_COLUMNS,
  validate: (sheet) => validateCompanies(sheet),
  plan: planCompanies,
};
