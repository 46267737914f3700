import crypto from 'node:crypto';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, forbidden } from '../../http/errors.js';
import { readUpload } from '../../notices/use-cases/attach-file.js';
import { PhotoFormatError, stripPhotoMetadata } from '../photo-metadata.js';
import { strx } from '../tables.js';
import { permissionsOfRoles } from '../../../core/access.js';

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

/**
 * A photo for a ticket or a wish, uploaded before the form is sent (so nine photos never travel in
 * one request): images only, checked by content, at most 5 MB, and stored without its metadata —
 * the GPS position a phone writes into a photo is gone before anything is written. The photo
 * belongs to its uploader until a ticket, a step or a wish takes it.
 */
export async function uploadPhoto(
  ctx: ActionContext & { actor: CurrentUser },
  input: { fileName: string; contentType: string; dataBase64: string },
) {
  const held = permissionsOfRoles(ctx.actor.roles.map((r) => r.role));
  if (!['ticket.raise', 'ticket.handle', 'cobuilding.join', 'cobuilding.manage'].some((p) => held.has(p as never)))
    throw forbidden('您没有上传诉求或微心愿照片的权限');
  const raw = readUpload(input, '照片', null, PHOTO_TYPES);
  let clean: Uint8Array;
  try {
    clean = stripPhotoMetadata(raw, input.contentType as (typeof PHOTO_TYPES)[number]);
  } catch (e) {
    if (e instanceof PhotoFormatError) throw badRequest(`照片无法读取：${e.message}，请重新拍摄或选择其他照片`, 'dataBase64');
    throw e;
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await strx(trx)
      .insertInto('service_photo')
      .values({
        uploaded_by: ctx.actor.id,
        content_type: input.contentType as (typeof PHOTO_TYPES)[number],
        size: clean.length,
        sha256: crypto.createHash('sha256').update(clean).digest('hex'),
        content: clean,
      })
      .returning(['id', 'size', 'content_type'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'ticket.photo',
      entityType: 'service_photo',
      entityId: row.id,
      nodeId: null,
      after: { size: row.size, contentType: row.content_type, originalSize: raw.length },
    });
    return { id: row.id, size: row.size, contentType: row.content_type };
  });
}

/**
 * Takes the caller's own unattached photos for a ticket, a step or a wish; refuses photos that are
 * someone else's, already used, or unknown (so one cannot attach another person's picture).
 */
export async function claimPhotos(
  trx: Parameters<typeof strx>[0],
  actor: CurrentUser,
  photoIds: number[],
  target: { ticket_id?: number; event_id?: number; wish_id?: number },
) {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return 0;
  const updated = await strx(trx)
    .updateTable('service_photo')
    .set(target)
    .where('id', 'in', ids)
    .where('uploaded_by', '=', actor.id)
    .where('ticket_id', 'is', null)
    .where('wish_id', 'is', null)
    .returning('id')
    .execute();
  if (updated.length !== ids.length) throw badRequest('照片不存在、已被使用或不是您上传的，请重新上传', 'photoIds');
  return ids.length;
}
