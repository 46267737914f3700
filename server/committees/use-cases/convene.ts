import { sql } from 'kysely';
import type { z } from 'zod';
import { demandSuffices, thirdOf, type CommitteeKind, type MeetingPurpose } from '../../../core/committee.js';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { todayInChina } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { notify } from '../../notifications/notify.js';
import { tellOwners } from '../../messages/tell-owners.js';
import type { Trx } from '../../db/transaction.js';
import { loadCommittee } from '../access.js';
import { rosterOf } from '../queries.js';
import type { conveneBody } from '../schema.js';
import { ktrx } from '../tables.js';
import { memberAccounts } from './files.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * R32: the director convenes a meeting (or staff record the director's paper notice): the notice
 * with its agenda goes to every member. A meeting answering a written demand names it; the demand
 * must carry the signatures of at least a third of all members.
 */
export async function convene(ctx: Ctx, kind: CommitteeKind, id: number, input: z.output<typeof conveneBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ktrx(t);
    const { committee } = await loadCommittee(t, ctx.actor, kind, id, 'manage');
    if (input.heldOn < todayInChina()) throw badRequest('会议日期不能早于今天：会议应先通知后召开', 'heldOn');
    if (input.demandId) {
      const d = await trx
        .selectFrom('committee_demand')
        .selectAll()
        .where('id', '=', input.demandId)
        .where('committee_kind', '=', kind)
        .where('committee_id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!d) throw badRequest('该书面提议不属于本委员会', 'demandId');
      if (d.meeting_id) throw conflict('该书面提议已召集过会议');
      const n = await trx.selectFrom('committee_demand_signer').select('member_id').where('demand_id', '=', d.id).execute();
      const roster = await rosterOf(t, kind, id);
      if (!demandSuffices(n.length, roster.length))
        throw badRequest(
          `该提议只有${n.length}名委员签名，不足全体委员${roster.length}人的三分之一（至少${thirdOf(roster.length)}人）（R32）`,
          'demandId',
        );
    }
    const guests = await checkGuests(t, kind, id, committee.estateId, input.purpose, input.guestIds);
    const m = await trx
      .insertInto('committee_meeting')
      .values({
        committee_kind: kind,
        committee_id: id,
        estate_id: committee.estateId,
        title: input.title,
        held_on: input.heldOn,
        location: input.location ?? null,
        convened_by: input.demandId ? 'demand' : 'director',
        demand_id: input.demandId ?? null,
        agenda: JSON.stringify(input.agenda),
        purpose: input.purpose,
        created_by: ctx.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (guests.length) {
      await trx
        .insertInto('committee_meeting_guest')
        .values(guests.map((g) => ({ meeting_id: m.id, person_id: g.id })))
        .execute();
      // R36: the invited owner representatives are told on their phones (those with a bound account)
      await tellOwners(
        t,
        sql<{ account_id: number }>`select distinct account_id from owner_binding where person_id = any(${guests.map((g) => g.id)}::int[])`,
        {
          event: 'committee.invited',
          once: `committee.invited:${m.id}`,
          title: `邀请您列席${committee.estateName.replace(/（演示）$/, '')}委员会述职会议`,
          body: `委员会定于${formatDateZh(m.held_on)}${m.location ? `在${m.location}` : ''}召开述职会议，邀请您作为业主代表列席，听取年度述职。`,
        },
      );
    }
    if (input.demandId) await trx.updateTable('committee_demand').set({ meeting_id: m.id }).where('id', '=', input.demandId).execute();
    const accounts = await memberAccounts(t, kind, id);
    await notify(t as unknown as Db, accounts, {
      title: `会议通知：${m.title}`,
      body: `${committee.estateName}委员会定于${formatDateZh(m.held_on)}${m.location ? `在${m.location}` : ''}召开会议。议题：${input.agenda.join('；')}。业主代表委员应本人出席，不得委托他人。`,
      link: `/committees/meetings/${m.id}`,
    });
    await recordAudit(t, ctx, {
      action: 'committee.convene',
      entityType: 'committee_meeting',
      entityId: m.id,
      nodeId: committee.estateId,
      after: { ...m, guests: guests.map((g) => g.name), notified: accounts.length },
    });
    return m.id;
  });
}

/**
 * R36: the 述职 meeting invites owner representatives — owners of the estate who are not on the
 * committee (its members attend anyway); an ordinary meeting invites nobody.
 */
async function checkGuests(t: Trx, kind: CommitteeKind, id: number, estateId: number, purpose: MeetingPurpose, guestIds: number[]) {
  const ids = [...new Set(guestIds)];
  if (purpose === 'regular') {
    if (ids.length) throw badRequest('只有述职会议邀请业主代表列席', 'guestIds');
    return [];
  }
  if (!ids.length) throw badRequest('述职会议应邀请业主代表列席，请至少选择一名本小区业主（R36）', 'guestIds');
  const found = await t
    .selectFrom('person as p')
    .select(['p.id', 'p.name'])
    .where('p.id', 'in', ids)
    .where(
      sql<boolean>`exists (select 1 from ownership o join unit u on u.id = o.unit_id
        where o.person_id = p.id and o.ended_on is null and u.estate_id = ${estateId})`,
    )
    .execute();
  const missing = ids.filter((x) => !found.some((f) => f.id === x));
  if (missing.length) throw badRequest(`受邀人员中有${missing.length}人不是本小区业主`, 'guestIds');
  const seated = await ktrx(t)
    .selectFrom('committee_member')
    .select('person_id')
    .where('committee_kind', '=', kind)
    .where('committee_id', '=', id)
    .where('ended_on', 'is', null)
    .where('person_id', 'in', ids)
    .execute();
  if (seated.length) throw badRequest('受邀业主代表中有本委员会委员，委员无需邀请', 'guestIds');
  return found;
}
