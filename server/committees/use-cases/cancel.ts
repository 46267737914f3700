import { sql } from 'kysely';
import type { z } from 'zod';
import { MEETING_REFUSAL, meetingNext } from '../../../core/committee.js';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { tellOwners } from '../../messages/tell-owners.js';
import { loadMeeting } from '../access.js';
import type { cancelBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { memberAccounts } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * 取消会议: a meeting convened but not yet held is called off with its reason; every member is told.
 * A meeting that answered a written demand (R32) leaves the demand open again, its convening
 * deadline running as before. A held meeting cannot be cancelled (the state machine in core).
 */
export async function cancelMeeting(ctx: Ctx, meetingId: number, input: z.output<typeof cancelBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    const locked = await trx
      .selectFrom('committee_meeting')
      .select('state')
      .where('id', '=', meeting.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const next = meetingNext(locked.state, 'cancel');
    if (!next) throw conflict(MEETING_REFUSAL[locked.state].cancel);
    const today = todayInChina();
    await trx
      .updateTable('committee_meeting')
      .set({ state: next, cancel_reason: input.reason, cancelled_on: today, cancelled_by: ctx.actor.id })
      .where('id', '=', meeting.id)
      .execute();
    if (meeting.demand_id)
      await trx.updateTable('committee_demand').set({ meeting_id: null }).where('id', '=', meeting.demand_id).execute();
    const accounts = await memberAccounts(t, meeting.committee_kind, meeting.committee_id);
    await notify(t as unknown as Db, accounts, {
      title: `会议取消：${meeting.title}`,
      body: `${committee.estateName}委员会原定于${formatDateZh(meeting.held_on)}召开的会议取消。原因：${input.reason}`,
      link: `/committees/meetings/${meeting.id}`,
    });
    // R36: owner representatives invited to a 述职 meeting are told too
    await tellOwners(
      t,
      sql<{ account_id: number }>`select distinct ob.account_id from owner_binding ob
        join committee_meeting_guest g on g.person_id = ob.person_id where g.meeting_id = ${meeting.id}`,
      {
        event: 'committee.invited',
        once: `committee.cancelled:${meeting.id}`,
        title: `会议取消：${meeting.title}`,
        body: `原定于${formatDateZh(meeting.held_on)}召开、邀请您列席的会议取消。原因：${input.reason}`,
      },
    );
    await recordAudit(t, ctx, {
      action: 'committee.cancel',
      entityType: 'committee_meeting',
      entityId: meeting.id,
      nodeId: committee.estateId,
      before: { state: locked.state },
      after: { state: next, reason: input.reason, demandReopened: meeting.demand_id, notified: accounts.length },
    });
  });
}
