import crypto from 'node:crypto';
import { z } from 'zod';
import { postingDateProblem } from '../../core/notices.js';
import type { Trx } from '../db/transaction.js';
import { badRequest } from '../http/errors.js';
import { nameInput } from '../http/schemas.js';
import { readUpload } from './use-cases/attach-file.js';

/** 补录: a notice already posted on paper, recorded here after its posting day (issue 13). */
export const backdateInput = z.strictObject({
  /** 补录原因，如“纸质公告已于当日在小区公告栏张贴，平台补录” */
  reason: nameInput('补录原因', 500),
  /** 张贴现场照片（JPEG/PNG，不超过 5 MB） */
  photo: z.strictObject({
    fileName: nameInput('照片文件名', 200),
    contentType: z.string({ error: '请提供照片类型' }),
    dataBase64: z.string({ error: '请提供照片内容' }),
  }),
});

/** A checked 补录: its reason and the photo's bytes, stored with the notice by `recordBackdate`. */
export interface Backdate {
  reason: string;
  photo: { fileName: string; contentType: string; content: Buffer };
}

/**
 * The posting day a user asked for, checked (issue 13): today by default; never in the future; an
 * earlier day only for a paper notice already posted, within the profile's limit, with the reason and
 * a photo of the posted paper. Refused (400, on `field`) otherwise. The 补录 is kept only when the day
 * is earlier than today.
 */
export function checkPosting(
  input: { date?: string | null; backdate?: z.output<typeof backdateInput> | null },
  today: string,
  limitDays: number,
  field: string,
): { date: string; backdate: Backdate | null } {
  const date = input.date ?? today;
  const problem = postingDateProblem(date, today, limitDays, Boolean(input.backdate));
  if (problem) throw badRequest(problem, field);
  if (date === today || !input.backdate) return { date, backdate: null };
  const content = readUpload(input.backdate.photo, '张贴现场照片', 'backdate.photo', ['image/jpeg', 'image/png']);
  return { date, backdate: { reason: input.backdate.reason, photo: { ...input.backdate.photo, content } } };
}

/** Stores a notice's 补录: the photo as one of its attachments, and the reason beside it. */
export async function recordBackdate(trx: Trx, noticeId: number, b: Backdate, by: number | null) {
  const photo = await trx
    .insertInto('notice_attachment')
    .values({
      notice_id: noticeId,
      file_name: b.photo.fileName,
      content_type: b.photo.contentType,
      size: b.photo.content.length,
      sha256: crypto.createHash('sha256').update(b.photo.content).digest('hex'),
      content: b.photo.content,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return trx
    .updateTable('public_notice')
    .set({ backdate_reason: b.reason, backdate_photo_id: photo.id })
    .where('id', '=', noticeId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
