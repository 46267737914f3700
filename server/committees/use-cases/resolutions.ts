import type { z } from 'zod';
import { adoption, quorum } from '../../../core/committee.js';
import { ITEM_LABEL } from '../../../core/decisions.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import type { Trx } from '../../db/transaction.js';
import { inTransaction } from '../../db/transaction.js';
import type { DecisionRules } from '../../decisions/store.js';
import { dtrx } from '../../decisions/tables.js';
import { profileForNode } from '../../formation/profile.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden } from '../../http/errors.js';
import { loadMeeting, loadResolution } from '../access.js';
import { asRoster, rosterOf, settingsFor } from '../queries.js';
import type { paperSignBody, resolutionBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { checkUpload, storeFile } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

const matterOfOwners = (items: readonly number[]) =>
  `该事项属于${items.map((i) => ITEM_LABEL[i as 1]).join('、')}，依法由业主共同决定，委员会不能通过决议；请将其转为业主共同决定草案（民法典第二百七十八条，R7–R12）`;

/** A resolution put to the members at a meeting that was held and quorate (R32); a 278 matter is marked as the owners'. */
export async function propose(ctx: Ctx, meetingId: number, input: z.output<typeof resolutionBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { meeting, committee } = await loadMeeting(t, ctx.actor, meetingId, 'manage');
    if (meeting.state !== 'held') throw conflict('会议召开并登记纪要后才能形成决议');
    const roster = await rosterOf(t, meeting.committee_kind, meeting.committee_id);
    const present = await trx.selectFrom('committee_attendance').select('member_id').where('meeting_id', '=', meeting.id).execute();
    const q = quorum(asRoster(roster), new Set(present.map((p) => p.member_id)), await settingsFor(t, committee.estateId));
    if (!q.quorate) throw badRequest(`会议未达到法定人数，不能形成决议：${q.reasons.join('；')}`);
    const items = [...new Set(input.items)].sort((a, b) => a - b) as (1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9)[];
    const n = await trx
      .selectFrom('committee_resolution')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    const r = await trx
      .insertInto('committee_resolution')
      .values({
        meeting_id: meeting.id,
        position: Number(n.n) + 1,
        title: input.title,
        text: input.text,
        items: JSON.stringify(items),
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'committee.propose',
      entityType: 'committee_resolution',
      entityId: r.id,
      nodeId: committee.estateId,
      after: { ...r, quorum: q },
    });
    return r.id;
  });
}

async function addSignatures(t: Trx, ctx: Ctx, resolutionId: number, memberIds: number[], via: 'app' | 'paper', scanFileId: number | null) {
  const trx = ktrx(t);
  const r = await trx.selectFrom('committee_resolution').selectAll().where('id', '=', resolutionId).forUpdate().executeTakeFirstOrThrow();
  if (r.items.length) throw badRequest(matterOfOwners(r.items));
  if (r.state !== 'open') throw conflict('该决议已通过，无需再签字');
  const m = await trx.selectFrom('committee_meeting').selectAll().where('id', '=', r.meeting_id).executeTakeFirstOrThrow();
  const roster = await rosterOf(t, m.committee_kind, m.committee_id);
  const signed = await trx.selectFrom('committee_signature').select('member_id').where('resolution_id', '=', r.id).execute();
  const have = new Set(signed.map((x) => x.member_id));
  for (const id of memberIds) {
    const who = roster.find((x) => x.id === id);
    if (!who) throw badRequest('签字人中有不是本委员会在任委员的人', 'memberIds');
    if (who.suspended) throw badRequest(`${who.name}已于${who.suspendedOn}起被暂停履行职责，不能在决议上签字（R35）`, 'memberIds');
    if (have.has(id)) throw conflict(`${who.name}已在该决议上签字`);
    have.add(id);
  }
  await trx
    .insertInto('committee_signature')
    .values(memberIds.map((member_id) => ({ resolution_id: r.id, member_id, via, scan_file_id: scanFileId, signed_by: ctx.actor.id })))
    .execute();
  const a = adoption(asRoster(roster), have, await settingsFor(t, m.estate_id));
  if (a.adopted)
    await trx.updateTable('committee_resolution').set({ state: 'adopted', adopted_on: todayInChina() }).where('id', '=', r.id).execute();
  return { resolution: r, meeting: m, adoption: a };
}

/** A member signs a resolution on their phone (R32): adopted at the signature that makes more than half of all members. */
export async function sign(ctx: Ctx, resolutionId: number) {
  return inTransaction(ctx.db, async (t) => {
    const { seat, committee } = await loadResolution(t, ctx.actor, resolutionId, 'act');
    const out = await addSignatures(t, ctx, resolutionId, [seat!.id], 'app', null);
    await recordAudit(t, ctx, {
      action: 'committee.sign',
      entityType: 'committee_resolution',
      entityId: resolutionId,
      nodeId: committee.estateId,
      after: { memberId: seat!.id, adoption: out.adoption },
    });
    return out.adoption;
  });
}

/** Staff record the signatures of a signed paper resolution, with its scan. */
export async function signPaper(ctx: Ctx, resolutionId: number, input: z.output<typeof paperSignBody>) {
  const content = checkUpload(input.scan, '签字页扫描件', 'scan');
  return inTransaction(ctx.db, async (t) => {
    const { committee, staffManage } = await loadResolution(t, ctx.actor, resolutionId, 'manage');
    if (!staffManage) throw forbidden('纸质签字由街道或社区工作人员据签字页录入（R32）');
    const fileId = await storeFile(t, ctx, committee.estateId, input.scan, content);
    const out = await addSignatures(t, ctx, resolutionId, [...new Set(input.memberIds)], 'paper', fileId);
    await recordAudit(t, ctx, {
      action: 'committee.signPaper',
      entityType: 'committee_resolution',
      entityId: resolutionId,
      nodeId: committee.estateId,
      after: { memberIds: input.memberIds, scanFileId: fileId, adoption: out.adoption },
    });
    return out.adoption;
  });
}

/**
 * A matter of 民法典 第278条 (R7–R12) is not the committee's to adopt: it becomes the draft of an
 * owners' joint decision, one motion per item, which the organiser then schedules and announces.
 */
export async function toOwners(ctx: Ctx, resolutionId: number) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { resolution: r, meeting, committee } = await loadResolution(t, ctx.actor, resolutionId, 'manage');
    if (!r.items.length) throw badRequest('该决议不涉及民法典第二百七十八条事项，由委员会签字通过，无需转为业主共同决定');
    if (r.state === 'toOwners') throw conflict('该决议已转为业主共同决定草案');
    const profile = await profileForNode(t, committee.estateId);
    const rules: DecisionRules = {
      profile,
      prevailing: 'online',
      followMajority: false,
      countParking: false,
      spoiled: profile.spoiledBallots,
      secretBallot: false,
    };
    const organiser = meeting.committee_kind === 'pmc' ? '物业管理委员会' : '业主委员会';
    const d = await dtrx(t)
      .insertInto('decision')
      .values({ estate_id: committee.estateId, title: r.title, organiser, rules: JSON.stringify(rules), created_by: ctx.actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const decisionId = d.id;
    await dtrx(t)
      .insertInto('decision_motion')
      .values(
        r.items.map((item, i) => ({
          decision_id: decisionId,
          code: `m${i + 1}`,
          position: i + 1,
          title: r.items.length > 1 ? `${r.title}（${ITEM_LABEL[item]}）` : r.title,
          body: r.text,
          item,
          kind: 'choice' as const,
        })),
      )
      .execute();
    await trx.updateTable('committee_resolution').set({ state: 'toOwners', decision_id: decisionId }).where('id', '=', r.id).execute();
    await recordAudit(t, ctx, {
      action: 'committee.toOwners',
      entityType: 'committee_resolution',
      entityId: r.id,
      nodeId: committee.estateId,
      after: { decisionId, items: r.items },
    });
    return decisionId;
  });
}
