import { todayInChina } from '../../clock.js';
import { recordAudit } from '../../audit/record.js';
import { refreshStatistics, type AnalyzedTable } from '../../db/statistics.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { AppError, conflict } from '../../http/errors.js';
import { identityKeys } from '../../people/identity.js';
import type { ImportKind } from '../columns.js';
import { evaluate, prepare } from '../evaluate.js';
import { readableBatch, requireImportNode, streetOf } from '../queries.js';
import type { TitleChanges } from '../title-changes.js';

const STATUS_TEXT = { committed: '已导入', discarded: '已放弃' } as const;

/**
 * Writes a checked batch: the whole file ('all', refused while it has errors) or only the rows
 * without errors ('validOnly'). One transaction, one audit entry. The file is evaluated again
 * against the database as it is now, so committing a file whose content is already in the
 * registry changes nothing. A file that would end or change titles that exist is written only
 * with the digest of that very list (issue 13): without it 400, and 409 when the list is no
 * longer what the user confirmed (the roll moved since the check) — nothing written either way.
 */
export async function commitImport(
  ctx: ActionContext & { actor: CurrentUser },
  id: number,
  input: { mode: 'all' | 'validOnly'; confirmDigest?: string | undefined },
) {
  const { mode } = input;
  const batch = await readableBatch(ctx.db, ctx.actor, id);
  const kind = batch.kind as ImportKind;
  await requireImportNode(ctx.db, ctx.actor, kind, batch.node_id);
  if (batch.status !== 'checked') throw conflict(`该批次${STATUS_TEXT[batch.status]}，不能再次导入；如需导入，请重新上传文件`);
  const streetId = await streetOf(ctx.db, batch.node_id);
  // Loaded before the transaction: on PGlite a query outside it would wait for the one connection.
  const keys = await identityKeys(ctx.db);
  const today = todayInChina();
  const prepared = await prepare(kind, Buffer.from(batch.content), batch.sha256, today);

  const committed = await inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('import_batch').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'checked') throw conflict(`该批次${STATUS_TEXT[locked.status]}，不能再次导入；如需导入，请重新上传文件`);
    // One import commit at a time per node: the plan (and the list of title changes the user confirmed)
    // is not moved under this transaction by another import's commit between its reads and its writes.
    await trx.selectFrom('org_node').select('id').where('id', '=', batch.node_id).forNoKeyUpdate().execute();
    const ev = await evaluate(trx, kind, prepared, { nodeId: batch.node_id, streetId, keys, today });
    if (mode === 'all' && ev.errors.length > 0) {
      throw conflict(
        `文件中有${ev.summary.errorRows}行共${ev.errors.length}处错误，不能全部导入：请按错误报告修改后重新上传，或选择“只导入无错误的行”（将导入${ev.summary.validRows}行）`,
      );
    }
    requireConfirmedTitles(ev.titleChanges, input.confirmDigest);
    await ev.plan.apply(trx);
    const result = {
      mode,
      importedRows: ev.summary.validRows,
      skippedRows: ev.summary.errorRows,
      changes: ev.plan.changes,
      ...ev.plan.summary,
      message:
        ev.plan.changes === 0
          ? '文件内容与系统现有数据一致，没有需要写入的变更'
          : `已导入${ev.summary.validRows}行，共${ev.plan.changes}项变更${ev.summary.errorRows ? `；${ev.summary.errorRows}行有错误未导入` : ''}`,
    };
    await trx
      .updateTable('import_batch')
      .set({
        status: 'committed',
        result: JSON.stringify(result),
        summary: JSON.stringify(ev.summary),
        errors: JSON.stringify(ev.stored),
        committed_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const { message: _message, ...counts } = result;
    await recordAudit(trx, ctx, {
      action: 'import.commit',
      entityType: 'import_batch',
      entityId: id,
      nodeId: batch.node_id,
      after: { kind, fileName: batch.file_name, sha256: batch.sha256, ...counts, titleDigest: ev.titleChanges.digest },
    });
    return { id, changes: ev.plan.changes };
  });
  // Thousands of new rows at once: the planner must know them before the next page is planned.
  if (committed.changes > 0) await refreshStatistics(ctx.db, ANALYZED[kind]);
  return committed.id;
}

/** The list of title changes as it is now must be the one the user confirmed (its digest), or be empty and unconfirmed. */
function requireConfirmedTitles(now: TitleChanges, confirmed: string | undefined) {
  if ((confirmed ?? null) === now.digest) return;
  if (confirmed === undefined) {
    throw new AppError(
      400,
      'CONFIRMATION_REQUIRED',
      `本次导入将结束或变更${now.units.length}套房屋的业主产权登记，请先核对检查结果中的产权变更清单，确认后再导入；未写入任何数据`,
    );
  }
  throw new AppError(
    409,
    'TITLE_CHANGES_CHANGED',
    '检查之后名册已有变化，本次导入将结束或变更的产权与您确认的清单不一致，未写入任何数据：请重新上传该文件，核对新的变更清单后再确认导入',
  );
}

const ANALYZED: Record<ImportKind, readonly AnalyzedTable[]> = {
  roll: ['org_node', 'org_closure', 'unit', 'person', 'ownership'],
  people: ['person'],
  companies: ['org_node', 'org_closure', 'property_company'],
};
