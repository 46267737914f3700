import { TICKET_STATE_LABEL } from '../../core/tickets.js';
import { registerHomeSection } from '../owner-home/sections.js';
import { sdb } from './tables.js';

/** Closed tickets stay on the home this long, so the owner sees how their request ended. */
const CLOSED_SHOWN_DAYS = 30;
const SHOWN = 6;

/**
 * 我的诉求 on the owner's home (issues 16 and 19): the owner's own tickets, the ones waiting for them
 * first (to rate a finished one, or to help when the handler waits for them), then the open ones, then
 * those closed in the last month; and always the way to raise a new one.
 */
export function registerTicketHomeSection() {
  registerHomeSection({
    key: 'tickets',
    title: '我的诉求',
    action: { label: '我要反映问题', link: '/tickets/new' },
    async load(db, user) {
      const since = new Date(Date.now() - CLOSED_SHOWN_DAYS * 86_400_000);
      const rows = await sdb(db)
        .selectFrom('ticket')
        .select(['id', 'title', 'kind_name', 'state', 'raised_at'])
        .where('raised_by', '=', user.id)
        .where((eb) => eb.or([eb('state', 'not in', ['closed', 'withdrawn']), eb('raised_at', '>=', since)]))
        .orderBy('raised_at', 'desc')
        .limit(50)
        .execute();
      const waiting = (s: string) => s === 'finished' || s === 'waitingResident';
      const rank = (s: string) => (waiting(s) ? 0 : s === 'closed' || s === 'withdrawn' ? 2 : 1);
      return rows
        .sort((a, b) => rank(a.state) - rank(b.state))
        .slice(0, SHOWN)
        .map((t) => ({
          id: `ticket-${t.id}`,
          title: `${t.kind_name}：${t.title}`,
          detail: t.state === 'finished' ? '已处理完毕，请确认并评价' : TICKET_STATE_LABEL[t.state],
          waiting: waiting(t.state),
          link: `/tickets/${t.id}`,
        }));
    },
  });
}
