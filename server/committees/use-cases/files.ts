import crypto from 'node:crypto';
import type { ActionContext } from '../../http/context.js';
import type { Trx } from '../../db/transaction.js';
import { readUpload } from '../../notices/use-cases/attach-file.js';
import { ktrx } from '../tables.js';

export type Upload = { fileName: string; contentType: string; dataBase64: string };

/** Checks an upload by its content before the transaction (a wrong file changes nothing). */
export const checkUpload = (input: Upload, what: string, field: string | null) => readUpload(input, what, field);

/** Stores a checked file of the committee's estate; returns its id. */
export async function storeFile(t: Trx, ctx: ActionContext, estateId: number, input: Upload, content: Buffer) {
  const row = await ktrx(t)
    .insertInto('committee_file')
    .values({
      estate_id: estateId,
      file_name: input.fileName,
      content_type: input.contentType,
      size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
      created_by: ctx.actor?.id ?? null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The accounts that act for the committee's current members: their staff accounts and bound owner accounts. */
export async function memberAccounts(t: Trx, kind: string, id: number, memberIds?: number[]) {
  let q = ktrx(t)
    .selectFrom('committee_member as cm')
    .leftJoin('owner_binding as ob', 'ob.person_id', 'cm.person_id')
    .select(['cm.account_id', 'ob.account_id as owner_account_id'])
    .where('cm.committee_kind', '=', kind as 'pmc')
    .where('cm.committee_id', '=', id)
    .where('cm.ended_on', 'is', null);
  if (memberIds) q = q.where('cm.id', 'in', memberIds.length ? memberIds : [0]);
  const rows = await q.execute();
  return [...new Set(rows.flatMap((r) => [r.account_id, r.owner_account_id]).filter((x): x is number => x != null))];
}
