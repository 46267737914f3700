import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadMeeting } from '../access.js';
import type { meetingFileBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { checkUpload, storeFile } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/** A file for the meeting's notice (R32: notice with agenda and attachments): for one agenda item, or the whole meeting. */
export async function attachMeetingFile(ctx: Ctx, meetingId: number, input: z.output<typeof meetingFileBody>) {
  const content = checkUpload(input.file, '会议材料', 'file');
  return inTransaction(ctx.db, async (t) => {
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    if (meeting.state === 'cancelled') throw conflict('会议已取消，不能再上传材料');
    const index = input.agendaIndex ?? null;
    if (index != null && index >= meeting.agenda.length)
      throw badRequest(`会议只有${meeting.agenda.length}个议题，请选择其中之一或不选（会议材料）`, 'agendaIndex');
    const fileId = await storeFile(t, ctx, committee.estateId, input.file, content);
    await ktrx(t).insertInto('committee_meeting_file').values({ meeting_id: meeting.id, file_id: fileId, agenda_index: index }).execute();
    await recordAudit(t, ctx, {
      action: 'committee.attach',
      entityType: 'committee_meeting',
      entityId: meeting.id,
      nodeId: committee.estateId,
      after: { fileId, fileName: input.file.fileName, size: content.length, agendaIndex: index },
    });
    return fileId;
  });
}
