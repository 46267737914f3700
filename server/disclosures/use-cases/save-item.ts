import crypto from 'node:crypto';
import { DISCLOSURE_ITEM_INFO, incomeTotals, quarterRange, type DisclosureItem, type IncomeRow } from '../../../core/disclosures.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { readUpload } from '../../notices/use-cases/attach-file.js';
import { requireResponsible } from '../access.js';
import { registryContent } from '../registry.js';
import { dtrx } from '../tables.js';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export interface SaveItemInput {
  body?: string | null | undefined;
  phone?: string | null | undefined;
  period?: string | null | undefined;
  rows?: IncomeRow[] | undefined;
  /** attachments of the current version carried into the new one */
  keepFileIds?: number[] | undefined;
  files?: { fileName: string; contentType: string; dataBase64: string }[] | undefined;
}

function check(item: DisclosureItem, input: SaveItemInput) {
  if (item === 'publicIncome') {
    const range = input.period ? quarterRange(input.period) : null;
    if (!range) throw badRequest('请填写收支所属季度，如 2026Q3', 'period');
    if (!input.rows?.length) throw badRequest('请至少填写一行收入或支出', 'rows');
    input.rows.forEach((r, i) => {
      if (r.date < range.from || r.date > range.to)
        throw badRequest(`第${i + 1}行的日期 ${r.date} 不在 ${input.period} 内（${range.from} 至 ${range.to}）`, `rows.${i}.date`);
    });
    incomeTotals(input.rows);
    return;
  }
  if (item === 'supervisionPhone') {
    if (!input.phone || !/^[0-9-]{5,20}$/.test(input.phone))
      throw badRequest('请填写物业监督电话（数字和“-”，如 0535-6218800 或 12345）', 'phone');
    return;
  }
  if (!input.body?.trim()) throw badRequest(`请填写“${DISCLOSURE_ITEM_INFO[item].label}”的内容`, 'body');
}

/**
 * The responsible party publishes a new version of one of its items (R38). Earlier versions stay
 * and are public in the item's history. Items the registry keeps (contract, roster, staff list,
 * and the pledges once co-building holds any) are not typed again: they are refused here.
 */
export async function saveItem(ctx: ActionContext & { actor: CurrentUser }, estateId: number, item: DisclosureItem, input: SaveItemInput) {
  const info = DISCLOSURE_ITEM_INFO[item];
  const uploads = (input.files ?? []).map((f, i) => ({ ...f, content: readUpload(f, '附件', `files.${i}`, ATTACHMENT_TYPES) }));
  return inTransaction(ctx.db, async (trx) => {
    await requireResponsible(trx, ctx.actor, estateId, item);
    const today = todayInChina();
    if (info.source === 'registry')
      throw conflict(`“${info.label}”由平台登记信息自动生成（合同、成员名单、从业人员名单），请在相应登记处修改，无需在此填写`);
    if (info.source === 'registryOrEntered' && ((await registryContent(trx, estateId, item, today))?.entries.length ?? 0) > 0)
      throw conflict(`“${info.label}”已由联建共建登记的党员承诺自动生成，请在联建共建中登记`);
    check(item, input);
    const t = dtrx(trx);
    const prev = await t
      .selectFrom('disclosure_version')
      .select(['id', 'version'])
      .where('estate_id', '=', estateId)
      .where('item', '=', item)
      .orderBy('version', 'desc')
      .forUpdate()
      .executeTakeFirst();
    const version = (prev?.version ?? 0) + 1;
    const row = await t
      .insertInto('disclosure_version')
      .values({
        estate_id: estateId,
        item,
        version,
        source: 'entered',
        body: input.body?.trim() || null,
        phone: item === 'supervisionPhone' ? input.phone! : null,
        period: item === 'publicIncome' ? input.period! : null,
        updated_on: today,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (item === 'publicIncome')
      await t
        .insertInto('disclosure_income_row')
        .values(
          input.rows!.map((r, i) => ({
            version_id: row.id,
            position: i,
            kind: r.kind,
            on_date: r.date,
            title: r.title,
            amount_fen: r.amountFen,
            note: r.note ?? null,
          })),
        )
        .execute();
    if (prev && input.keepFileIds?.length) {
      const kept = await t
        .selectFrom('disclosure_file')
        .select(['file_name', 'content_type', 'size', 'sha256', 'content'])
        .where('version_id', '=', prev.id)
        .where('id', 'in', input.keepFileIds)
        .execute();
      if (kept.length)
        await t
          .insertInto('disclosure_file')
          .values(kept.map((f) => ({ ...f, estate_id: estateId, version_id: row.id })))
          .execute();
    }
    for (const f of uploads)
      await t
        .insertInto('disclosure_file')
        .values({
          estate_id: estateId,
          version_id: row.id,
          file_name: f.fileName,
          content_type: f.contentType,
          size: f.content.length,
          sha256: crypto.createHash('sha256').update(f.content).digest('hex'),
          content: f.content,
          created_by: ctx.actor.id,
        })
        .execute();
    const totals = item === 'publicIncome' ? incomeTotals(input.rows!) : null;
    await recordAudit(trx, ctx, {
      action: 'disclosure.update',
      entityType: 'disclosure_version',
      entityId: row.id,
      nodeId: estateId,
      before: prev ? { version: prev.version } : null,
      after: { item, version, ...(totals ?? {}), files: uploads.length + (input.keepFileIds?.length ?? 0) },
    });
    return { id: row.id, version };
  });
}
