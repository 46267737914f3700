import crypto from 'node:crypto';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { loadNoticeForChange } from './load-notice.js';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What a street office posts: scans and photos, Word and Excel files. Checked by content, not by name. */
const TYPES: Record<string, { label: string; magic: (b: Buffer) => boolean }> = {
  'application/pdf': { label: 'PDF', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { label: 'JPEG 图片', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { label: 'PNG 图片', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word 文档',
    magic: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel 表格',
    magic: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
};

/**
 * An uploaded file's bytes, checked by content, not by name: one of `accepted` (by default every type a
 * notice may carry), not empty, at most 5 MB. `what` names it in the refusal; `field` is where it came from.
 */
export function readUpload(
  input: { fileName: string; contentType: string; dataBase64: string },
  what: string,
  field: string | null,
  accepted: readonly string[] = Object.keys(TYPES),
): Buffer {
  const type = accepted.includes(input.contentType) ? TYPES[input.contentType] : undefined;
  const at = (f: string) => (field ? `${field}.${f}` : f);
  if (!type) throw badRequest(`${what}只能是${accepted.map((t) => TYPES[t]!.label).join('、')}文件`, at('contentType'));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw badRequest(`${what}内容不是有效的 Base64 编码`, at('dataBase64'));
  const content = Buffer.from(input.dataBase64, 'base64');
  if (content.length === 0) throw badRequest(`${what}是空文件`, at('dataBase64'));
  if (content.length > MAX_ATTACHMENT_BYTES) throw badRequest(`${what}不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, at('dataBase64'));
  if (!type.magic(content)) throw badRequest(`${what}内容不是${type.label}，请检查文件类型`, at('contentType'));
  return content;
}

/** Attaches a file to a draft notice; once the notice is published its attachments are frozen with it. */
export async function attachFile(
  ctx: ActionContext & { actor: CurrentUser },
  noticeId: number,
  input: { fileName: string; contentType: string; dataBase64: string },
) {
  const content = readUpload(input, '附件', null);
  return inTransaction(ctx.db, async (trx) => {
    const notice = await loadNoticeForChange(trx, ctx.actor, noticeId, 'notice.manage');
    if (notice.status !== 'draft') throw conflict('公告已发布，附件不能再增删；如需更正，请发布更正公告');
    const row = await trx
      .insertInto('notice_attachment')
      .values({
        notice_id: noticeId,
        file_name: input.fileName,
        content_type: input.contentType,
        size: content.length,
        sha256: crypto.createHash('sha256').update(content).digest('hex'),
        content,
        created_by: ctx.actor.id,
      })
      .returning(['id', 'file_name', 'content_type', 'size', 'sha256'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'notice.attach',
      entityType: 'notice_attachment',
      entityId: row.id,
      nodeId: notice.node_id,
      after: { noticeId, ...row },
    });
    return row;
  });
}

export async function removeAttachment(ctx: ActionContext & { actor: CurrentUser }, noticeId: number, attachmentId: number) {
  await inTransaction(ctx.db, async (trx) => {
    const notice = await loadNoticeForChange(trx, ctx.actor, noticeId, 'notice.manage');
    if (notice.status !== 'draft') throw conflict('公告已发布，附件不能再增删；如需更正，请发布更正公告');
    const before = await trx
      .selectFrom('notice_attachment')
      .select(['id', 'file_name', 'content_type', 'size', 'sha256'])
      .where('id', '=', attachmentId)
      .where('notice_id', '=', noticeId)
      .executeTakeFirst();
    if (!before) throw notFound('附件');
    await trx.deleteFrom('notice_attachment').where('id', '=', attachmentId).execute();
    await recordAudit(trx, ctx, {
      action: 'notice.detach',
      entityType: 'notice_attachment',
      entityId: attachmentId,
      nodeId: notice.node_id,
      before: { noticeId, ...before },
    });
  });
}
