import { SATISFACTION_LABEL, TICKET_STATE_LABEL, type Satisfaction, type TicketAction } from '../../core/tickets.js';
import type { Trx } from '../db/transaction.js';
import { tellOwners } from '../messages/tell-owners.js';
import { notify } from '../notifications/notify.js';
import { handlerAccounts, roleHoldersAbove, type HandlerRef } from './scope.js';

export type Outbound = Awaited<ReturnType<typeof notify>>;

interface Facts extends HandlerRef {
  id: number;
  title: string;
  raised_by: number;
  community_id: number;
  state: string;
}

/**
 * Every step tells the next person (issue 16): a dispatched ticket its handler, a ticket waiting to
 * be dispatched the community, an accepted, paused or finished one its raiser, an unsatisfied rating
 * the community that visits again. In-app now, inside the step's transaction; the returned messages
 * go out through the outbound channel after the commit. A raiser who is an owner is told as owners are
 * told everything (issue 19, tellOwners): recorded in outbound_message, by SMS only if they have not
 * turned it off; a grid worker or staff member who raised it is told as staff.
 */
export async function notifyStep(
  trx: Trx,
  t: Facts,
  step: TicketAction | 'raise',
  extra: { note?: string | null; satisfaction?: Satisfaction | null; actorId?: number | null } = {},
): Promise<Outbound> {
  const link = `/tickets/${t.id}`;
  const name = `「${t.title}」`;
  const except = (ids: number[]) => ids.filter((id) => id !== extra.actorId);
  const toHandler = async (title: string, body: string) => notify(trx, except(await handlerAccounts(trx, t)), { title, body, link });
  const toRaiser = async (title: string, body: string): Promise<Outbound> => {
    const to = except([t.raised_by]);
    if (to.length === 0) return [];
    if (await isOwnerOnly(trx, t.raised_by)) {
      await tellOwners(trx, to, { event: 'ticket.moved', title, body, link });
      return [];
    }
    return notify(trx, to, { title, body, link });
  };
  const toCommunity = async (title: string, body: string) =>
    notify(trx, except(await roleHoldersAbove(trx, t.community_id, 'communityStaff')), { title, body, link });
  const note = extra.note ? `说明：${extra.note}` : '';
  switch (step) {
    case 'raise':
    case 'dispatch':
    case 'transfer':
      if (t.state === 'submitted') return toCommunity('新诉求待派单', `诉求${name}按服务清单需由社区派单，请尽快派单。`);
      return [
        ...(await toHandler('新诉求待受理', `诉求${name}已派给您，请在响应时限内受理。${note}`)),
        ...(step === 'transfer' ? await toRaiser('诉求已转派', `您的诉求${name}已转派。${note}`) : []),
      ];
    case 'accept':
      return toRaiser('诉求已受理', `您的诉求${name}已受理，正在办理。`);
    case 'pause':
      return toRaiser('诉求暂停办理', `您的诉求${name}${TICKET_STATE_LABEL[t.state as 'waitingResident']}。${note}`);
    case 'resume':
      return toRaiser('诉求继续办理', `您的诉求${name}已继续办理。`);
    case 'finish':
      return toRaiser('诉求已办结，请评价', `您的诉求${name}已办结，请查看现场照片，确认后评价（满意、基本满意或不满意）。${note}`);
    case 'rate':
      return t.state === 'revisit'
        ? toCommunity('诉求评价不满意，请回访', `诉求${name}被评价为不满意，请回访并决定重新办理或说明后办结。${note}`)
        : toHandler('诉求已评价', `诉求${name}已评价为${SATISFACTION_LABEL[extra.satisfaction ?? 'satisfied']}，已办结。`);
    case 'reopen':
      return [
        ...(await toHandler('诉求重新办理', `诉求${name}经回访需重新办理。${note}`)),
        ...(await toRaiser('诉求重新办理', `您的诉求${name}经回访已安排重新办理。`)),
      ];
    case 'closeRevisit':
      return toRaiser('诉求回访办结', `您的诉求${name}已回访并办结。${note}`);
    case 'withdraw':
      return toHandler('诉求已撤回', `诉求${name}已由提出人撤回，无需继续办理。`);
  }
}

/** An account that holds no role but owner's: told on the owner's terms. */
async function isOwnerOnly(trx: Trx, accountId: number): Promise<boolean> {
  const roles = await trx.selectFrom('role_assignment').select('role').where('account_id', '=', accountId).execute();
  return roles.length > 0 && roles.every((r) => r.role === 'owner');
}
