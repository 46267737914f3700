import type { z } from 'zod';
import { SEAT_LABEL, type CommitteeKind } from '../../../core/committee.js';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import { profileForNode } from '../../formation/profile.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { postNotice } from '../../notices/post-notice.js';
import { requireAt } from '../../access/scope.js';
import type { WorkCalendar } from '../../../core/workdays.js';
import { loadCommittee } from '../access.js';
import { recheckComposition } from '../compliance.js';
import type { endMemberBody, nominateBody, vetBody } from '../schema.js';
import { ktrx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };
const KIND_LABEL = { pmc: '物业管理委员会', owners: '业主委员会' } as const;
const SEAT_ROLE = {
  director: 'propertyCommitteeDirector',
  deputyDirector: 'propertyCommitteeDeputy',
  member: 'propertyCommitteeMember',
} as const;
const undemo = (s: string) => s.replace(/（演示）$/, '');

/** 成员变更公告: every change of the roster is posted on the estate's board (and told to its owners). */
async function changeNotice(t: Trx, ctx: Ctx, calendar: WorkCalendar, estateId: number, kind: CommitteeKind, lines: string[]) {
  const estate = await t.selectFrom('org_node').select('name').where('id', '=', estateId).executeTakeFirstOrThrow();
  return postNotice(t, ctx, calendar, {
    nodeId: estateId,
    kind: 'other',
    title: `${undemo(estate.name)}${KIND_LABEL[kind]}成员变更公告`,
    body: [`${undemo(estate.name)}全体业主：`, ...lines, '特此公告。'].join('\n'),
    publishDate: todayInChina(),
  });
}

/** A member resigns (recorded by staff) or is removed (by the street): the seat and its post end, the change is posted, the composition re-runs. */
export async function endMember(ctx: Ctx, kind: CommitteeKind, id: number, memberId: number, input: z.output<typeof endMemberBody>) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { committee, staffManage } = await loadCommittee(t, ctx.actor, kind, id, 'manage');
    if (!staffManage) throw forbidden('委员辞职、罢免由街道或社区工作人员办理');
    if (input.kind === 'removed') await requireAt(t, ctx.actor, committee.estateId, 'committee.supervise', 'committee.read', '委员会');
    const m = await trx
      .selectFrom('committee_member as cm')
      .innerJoin('person as p', 'p.id', 'cm.person_id')
      .select(['cm.id', 'cm.seat', 'cm.post_id', 'cm.started_on', 'p.name'])
      .where('cm.id', '=', memberId)
      .where('cm.committee_kind', '=', kind)
      .where('cm.committee_id', '=', id)
      .where('cm.ended_on', 'is', null)
      .executeTakeFirst();
    if (!m) throw notFound('委员');
    const today = todayInChina();
    await trx
      .updateTable('committee_member')
      .set({ ended_on: today, end_reason: `${input.kind === 'resigned' ? '辞职' : '罢免'}：${input.reason}` })
      .where('id', '=', m.id)
      .execute();
    if (m.post_id) await t.updateTable('post').set({ ended_on: today }).where('id', '=', m.post_id).where('ended_on', 'is', null).execute();
    const notice = await changeNotice(t, ctx, calendar, committee.estateId, kind, [
      `${KIND_LABEL[kind]}${SEAT_LABEL[m.seat]}${m.name}${input.kind === 'resigned' ? '因个人原因辞去委员职务' : '经街道办事处决定被罢免委员职务'}，自${formatDateZh(today)}起不再担任委员。`,
    ]);
    const change = await trx
      .insertInto('committee_change')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        member_id: m.id,
        kind: input.kind,
        changed_on: today,
        reason: input.reason,
        notice_id: notice.id,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const compliance = await recheckComposition(t, ctx, kind, id, committee.estateId, today, calendar);
    await recordAudit(t, ctx, {
      action: 'committee.memberEnd',
      entityType: 'committee_member',
      entityId: m.id,
      nodeId: committee.estateId,
      after: { kind: input.kind, reason: input.reason, changeId: change.id, noticeId: notice.id, compliance },
    });
    return { noticeId: notice.id, compliance };
  });
}

/**
 * A replacement owner representative is nominated (R28: by the community party organisation, the
 * residents' committee, ten owners jointly, or themself): an owner of the estate, not in arrears
 * (R37), not already on the committee.
 */
export async function nominate(ctx: Ctx, kind: CommitteeKind, id: number, input: z.output<typeof nominateBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { committee, staffManage } = await loadCommittee(t, ctx.actor, kind, id, 'manage');
    if (!staffManage) throw forbidden('补选提名由社区（或街道）工作人员登记（R28）');
    const sitting = await trx
      .selectFrom('committee_member')
      .select('id')
      .where('committee_kind', '=', kind)
      .where('committee_id', '=', id)
      .where('person_id', '=', input.personId)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (sitting) throw conflict('被提名人已是本委员会委员');
    const owns = await t
      .selectFrom('ownership as o')
      .innerJoin('unit as u', 'u.id', 'o.unit_id')
      .select(['u.fee_status'])
      .where('o.person_id', '=', input.personId)
      .where('o.ended_on', 'is', null)
      .where('u.estate_id', '=', committee.estateId)
      .execute();
    if (!owns.length) throw badRequest('被提名人不是本小区业主，不能作为业主代表委员（R23、R28）', 'personId');
    if (owns.some((o) => o.fee_status === 'arrears'))
      throw badRequest('被提名人名下房屋欠缴物业费，不能担任业主代表委员（R37）', 'personId');
    if (input.channel === 'jointOwners') {
      const signers = [...new Set(input.signerIds ?? [])].filter((x) => x !== input.personId);
      const owners = signers.length
        ? await t
            .selectFrom('ownership as o')
            .innerJoin('unit as u', 'u.id', 'o.unit_id')
            .select('o.person_id')
            .distinct()
            .where('o.person_id', 'in', signers)
            .where('o.ended_on', 'is', null)
            .where('u.estate_id', '=', committee.estateId)
            .execute()
        : [];
      if (owners.length < 10) throw badRequest(`业主联名提名须有本小区10名以上业主签名，现有${owners.length}名（R28）`, 'signerIds');
    }
    if (input.vacatedMemberId) {
      const v = await trx
        .selectFrom('committee_member')
        .select('ended_on')
        .where('id', '=', input.vacatedMemberId)
        .where('committee_kind', '=', kind)
        .where('committee_id', '=', id)
        .executeTakeFirst();
      if (!v) throw badRequest('所补的席位不属于本委员会', 'vacatedMemberId');
    }
    const open = await trx
      .selectFrom('committee_replacement')
      .select('id')
      .where('committee_kind', '=', kind)
      .where('committee_id', '=', id)
      .where('person_id', '=', input.personId)
      .where('state', 'not in', ['seated', 'rejected'])
      .executeTakeFirst();
    if (open) throw conflict('该人选已在补选程序中');
    const r = await trx
      .insertInto('committee_replacement')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        vacated_member_id: input.vacatedMemberId ?? null,
        person_id: input.personId,
        channel: input.channel,
        signers: JSON.stringify(input.signerIds ?? []),
        seat: input.seat,
        statement: input.statement ?? null,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(t, ctx, {
      action: 'committee.nominate',
      entityType: 'committee_replacement',
      entityId: r.id,
      nodeId: committee.estateId,
      after: r,
    });
    return r.id;
  });
}

async function loadReplacement(t: Trx, user: CurrentUser, id: number) {
  const r = await ktrx(t).selectFrom('committee_replacement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!r) throw notFound('补选');
  return r;
}

/** The street vets the nominee (R28: the street and community party organisations 把关). */
export async function vet(ctx: Ctx, replacementId: number, input: z.output<typeof vetBody>) {
  return inTransaction(ctx.db, async (t) => {
    const r = await loadReplacement(t, ctx.actor, replacementId);
    await requireAt(t, ctx.actor, r.estate_id, 'committee.supervise', 'committee.read', '补选');
    if (r.state !== 'nominated') throw conflict('该人选已审核');
    const state = input.passed ? 'vetted' : 'rejected';
    await ktrx(t)
      .updateTable('committee_replacement')
      .set({ state, vetting_reason: input.reason, vetted_by: ctx.actor.id, vetted_on: todayInChina() })
      .where('id', '=', r.id)
      .execute();
    await recordAudit(t, ctx, {
      action: 'committee.vet',
      entityType: 'committee_replacement',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { state, reason: input.reason },
    });
  });
}

/** R29: the vetted nominee is published (name, occupation, address) for the profile's period; owners may object in writing (R30). */
export async function publicize(ctx: Ctx, replacementId: number) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const r = await loadReplacement(t, ctx.actor, replacementId);
    await loadCommittee(t, ctx.actor, r.committee_kind, r.committee_id, 'manage');
    if (r.state !== 'vetted') throw conflict('人选审核通过后才能公示（R28、R29）');
    const p = await t
      .selectFrom('person')
      .select(['name', 'occupation', 'address'])
      .where('id', '=', r.person_id)
      .executeTakeFirstOrThrow();
    const estate = await t.selectFrom('org_node').select('name').where('id', '=', r.estate_id).executeTakeFirstOrThrow();
    const profile = await profileForNode(t, r.estate_id);
    const notice = await postNotice(t, ctx, calendar, {
      nodeId: r.estate_id,
      kind: 'memberList',
      title: `${undemo(estate.name)}${KIND_LABEL[r.committee_kind]}补选委员人选公示`,
      body: [
        `${undemo(estate.name)}全体业主：`,
        `经提名和审核，拟补选以下业主为${KIND_LABEL[r.committee_kind]}业主代表委员：`,
        `${p.name}，职业：${p.occupation ?? '—'}，住址：${p.address ?? '—'}。`,
        '公示期间，业主对人选有异议的，可以书面向街道办事处提出。',
      ].join('\n'),
      publishDate: todayInChina(),
      period: profile.memberListPeriod,
      acceptsObjections: true,
    });
    await ktrx(t).updateTable('committee_replacement').set({ state: 'publicity', notice_id: notice.id }).where('id', '=', r.id).execute();
    await recordAudit(t, ctx, {
      action: 'committee.publicize',
      entityType: 'committee_replacement',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { noticeId: notice.id, endDate: notice.end_date },
    });
    return { noticeId: notice.id, endDate: notice.end_date };
  });
}

/**
 * The seat: after the publicity has run its course (R29) with every objection verified and none
 * upheld (R30), the nominee becomes a member (a post at the estate), the change is posted, the
 * composition re-runs.
 */
export async function seat(ctx: Ctx, replacementId: number) {
  const calendar = await loadCalendar(ctx.db);
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const r = await loadReplacement(t, ctx.actor, replacementId);
    await requireAt(t, ctx.actor, r.estate_id, 'committee.supervise', 'committee.read', '补选');
    if (r.state !== 'publicity' || !r.notice_id) throw conflict('人选公示后才能就任（R29）');
    const today = todayInChina();
    const notice = await t.selectFrom('public_notice').select(['end_date']).where('id', '=', r.notice_id).executeTakeFirstOrThrow();
    if (notice.end_date && today <= notice.end_date)
      throw badRequest(`公示期至${formatDateZh(notice.end_date)}届满，届满后才能就任（R29）`);
    const objections = await t.selectFrom('objection').select('status').where('notice_id', '=', r.notice_id).execute();
    if (objections.some((o) => o.status === 'open')) throw badRequest('尚有异议未核查完毕，核查后才能就任（R30）');
    if (objections.some((o) => o.status === 'upheld')) throw badRequest('对该人选的异议经核查成立，不能就任，请另行提名（R30）');
    const person = await t.selectFrom('person').select('name').where('id', '=', r.person_id).executeTakeFirstOrThrow();
    const post = await t
      .insertInto('post')
      .values({ person_id: r.person_id, role: SEAT_ROLE[r.seat], node_id: r.estate_id, started_on: today, note: '业主代表' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const m = await trx
      .insertInto('committee_member')
      .values({
        committee_kind: r.committee_kind,
        committee_id: r.committee_id,
        estate_id: r.estate_id,
        person_id: r.person_id,
        post_id: post.id,
        seat: r.seat,
        owner_representative: true,
        sent_by: 'owners',
        started_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('committee_replacement')
      .set({ state: 'seated', seated_on: today, member_id: m.id })
      .where('id', '=', r.id)
      .execute();
    const n = await changeNotice(t, ctx, calendar, r.estate_id, r.committee_kind, [
      `经提名、审核和公示，${person.name}自${formatDateZh(today)}起任${KIND_LABEL[r.committee_kind]}${SEAT_LABEL[r.seat]}（业主代表）。`,
    ]);
    await trx
      .insertInto('committee_change')
      .values({
        committee_kind: r.committee_kind,
        committee_id: r.committee_id,
        estate_id: r.estate_id,
        member_id: m.id,
        kind: 'seated',
        changed_on: today,
        reason: null,
        notice_id: n.id,
        created_by: ctx.actor.id,
      })
      .execute();
    const compliance = await recheckComposition(t, ctx, r.committee_kind, r.committee_id, r.estate_id, today, calendar);
    await recordAudit(t, ctx, {
      action: 'committee.seat',
      entityType: 'committee_replacement',
      entityId: r.id,
      nodeId: r.estate_id,
      after: { memberId: m.id, noticeId: n.id, compliance },
    });
    return { memberId: m.id, noticeId: n.id, compliance };
  });
}
