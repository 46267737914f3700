import type { z } from 'zod';
import { demandSuffices, thirdOf } from '../../../core/committee.js';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { loadCommittee } from '../access.js';
import { asRoster, rosterOf, settingsFor } from '../queries.js';
import type { demandBody, paperDemandBody } from '../schema.js';
import { ktrx } from '../tables.js';
import type { CommitteeKind } from '../../../core/committee.js';
import { checkUpload, storeFile } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * R32: a written demand for a meeting. A member demands it on their phone (they are its first
 * signer, others join); staff record a paper demand with its signers and the scan. Once at least a
 * third of all members have signed, the director must convene within the profile's working days.
 */
export async function createDemand(
  ctx: Ctx,
  kind: CommitteeKind,
  id: number,
  input: z.output<typeof demandBody> & Partial<z.output<typeof paperDemandBody>>,
  paper = false,
) {
  if (paper && !input.scan) throw badRequest('录入纸质书面提议须上传提议书扫描件', 'scan');
  const content = paper && input.scan ? checkUpload(input.scan, '书面提议扫描件', 'scan') : null;
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const today = todayInChina();
    const { committee, seat, staffManage } = await loadCommittee(t, ctx.actor, kind, id, paper ? 'manage' : 'act');
    if (paper && !staffManage) throw forbidden('纸质书面提议由街道或社区工作人员录入（R32）');
    const demandedOn = input.demandedOn ?? today;
    if (demandedOn > today) throw badRequest('提议日期不能晚于今天', 'demandedOn');
    const roster = await rosterOf(t, kind, id);
    const signers = paper ? [...new Set(input.memberIds ?? [])] : [seat!.id];
    for (const m of signers) {
      const r = roster.find((x) => x.id === m);
      if (!r) throw badRequest(`编号为${m}的不是本委员会的在任委员`, 'memberIds');
      if (r.suspended) throw badRequest(`${r.name}已被暂停履行职责，不能提议召开会议（R35）`, 'memberIds');
    }
    const s = await settingsFor(t, committee.estateId);
    const due = calendar.addWorkdays(demandedOn, s.demandConveneWorkdays);
    const fileId = content && input.scan ? await storeFile(t, ctx, committee.estateId, input.scan, content) : null;
    const d = await trx
      .insertInto('committee_demand')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        reason: input.reason,
        demanded_on: demandedOn,
        deadline: due.date,
        calendar_complete: due.calendarComplete,
        file_id: fileId,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('committee_demand_signer')
      .values(signers.map((member_id) => ({ demand_id: d.id, member_id })))
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.demand',
      entityType: 'committee_demand',
      entityId: d.id,
      nodeId: committee.estateId,
      after: { ...d, signers, standing: demandSuffices(signers.length, asRoster(roster).length) },
    });
    return d.id;
  });
}

/** Another member joins a demand on their phone; when it reaches a third, the convening period runs from today. */
export async function signDemand(ctx: Ctx, demandId: number) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const d = await trx.selectFrom('committee_demand').selectAll().where('id', '=', demandId).forUpdate().executeTakeFirst();
    if (!d) throw notFound('书面提议');
    const { committee, seat } = await loadCommittee(t, ctx.actor, d.committee_kind, d.committee_id, 'act');
    if (d.meeting_id) throw conflict('该提议已召集会议，无需再附议');
    const signed = await trx.selectFrom('committee_demand_signer').select('member_id').where('demand_id', '=', d.id).execute();
    if (signed.some((x) => x.member_id === seat!.id)) throw conflict('您已在该提议上签名');
    const roster = await rosterOf(t, d.committee_kind, d.committee_id);
    const before = demandSuffices(signed.length, roster.length);
    await trx.insertInto('committee_demand_signer').values({ demand_id: d.id, member_id: seat!.id }).execute();
    const now = demandSuffices(signed.length + 1, roster.length);
    let deadline = d.deadline;
    if (now && !before) {
      const s = await settingsFor(t, committee.estateId);
      const due = calendar.addWorkdays(todayInChina(), s.demandConveneWorkdays);
      deadline = due.date;
      await trx
        .updateTable('committee_demand')
        .set({ deadline: due.date, calendar_complete: due.calendarComplete })
        .where('id', '=', d.id)
        .execute();
    }
    await recordAudit(t, ctx, {
      action: 'committee.demandSign',
      entityType: 'committee_demand',
      entityId: d.id,
      nodeId: committee.estateId,
      after: { memberId: seat!.id, signers: signed.length + 1, needed: thirdOf(roster.length), deadline },
    });
    return { signers: signed.length + 1, standing: now, deadline: formatDateZh(deadline) };
  });
}
