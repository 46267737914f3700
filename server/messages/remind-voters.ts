import { formatDateZh } from '../../core/dates.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import { ddb } from '../decisions/tables.js';
import { nonVotersOfRoll, tellOwners } from './tell-owners.js';

/** The reminder goes this many days before voting closes (issue 19). */
export const REMIND_DAYS_BEFORE = 3;

/**
 * Owners who have not voted yet are reminded once, three days before a vote closes (or on the first
 * run after, while it is still open): in the app, and by SMS where they have a mobile and have not
 * opted out. Run by the scheduled job; running it twice tells nobody twice.
 */
export async function remindNonVoters(db: Db, today: string): Promise<number> {
  const due = await ddb(db)
    .selectFrom('decision as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .select(['d.id', 'd.title', 'd.closes_on', 'e.name as estate'])
    .where('d.state', '=', 'voting')
    .where('d.closes_on', '>=', today)
    .where('d.closes_on', '<=', dateOf(dayIndex(today) + REMIND_DAYS_BEFORE))
    .orderBy('d.id')
    .execute();
  let told = 0;
  for (const d of due) {
    const left = dayIndex(d.closes_on!) - dayIndex(today);
    const when = left === 0 ? '今天是投票的最后一天' : `还有${left}天截止（${formatDateZh(d.closes_on!)}）`;
    told += await inTransaction(db, (trx) =>
      tellOwners(trx, nonVotersOfRoll(d.id), {
        event: 'vote.closing',
        once: `vote.closing:${d.id}`,
        title: `您还没有投票：${d.title}`,
        body: `${d.estate.replace(/（演示）$/, '')}「${d.title}」${when}，您还没有投票。请打开“我的首页”投票；也可以填写纸质表决票交给物管会或网格员。`,
        link: `/vote/${d.id}`,
      }),
    );
  }
  return told;
}
