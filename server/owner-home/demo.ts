import { formatDateZh } from '../../core/dates.js';
import type { Trx } from '../db/transaction.js';
import { ddb } from '../decisions/tables.js';
import { ownersOfRoll, tellOwners } from '../messages/tell-owners.js';

/**
 * The demo owner's messages (issue 19): the demo's decisions are recorded history (their steps tell
 * nobody), so once the demo owner's login is bound to the roll, the owners of each decision in voting
 * are told it is open — what `yezhu` would have received on its opening day.
 */
export async function loadDemoOwnerMessages(trx: Trx) {
  const voting = await ddb(trx)
    .selectFrom('decision as d')
    .innerJoin('org_node as e', 'e.id', 'd.estate_id')
    .select(['d.id', 'd.title', 'd.closes_on', 'e.name'])
    .where('d.state', '=', 'voting')
    .execute();
  for (const d of voting)
    await tellOwners(trx, ownersOfRoll(d.id), {
      event: 'vote.opened',
      once: `vote.opened:${d.id}`,
      title: `开始投票：${d.title}`,
      body: `${d.name.replace(/（演示）$/, '')}「${d.title}」已开始投票，${formatDateZh(d.closes_on!)}截止。请打开“我的首页”查看表决事项并投票。`,
      link: `/vote/${d.id}`,
    });
}
