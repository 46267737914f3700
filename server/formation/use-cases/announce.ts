import type { z } from 'zod';
import { backdateDaysOf } from '../../../core/rule-profile.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { checkPosting } from '../../notices/posting.js';
import { postNotice } from '../../notices/post-notice.js';
import { NOTICE_TEMPLATES } from '../../notices/templates.js';
import { placeOf } from '../profile.js';
import { runStep } from '../run-step.js';
import type { announceBody } from '../schema.js';

/** R27: the announcement — member conditions, how to apply, start date — posted for ≥5 working days. */
export function announce(ctx: ActionContext & { actor: CurrentUser }, caseId: number, input: z.output<typeof announceBody>) {
  return runStep(
    ctx,
    caseId,
    'announce',
    async ({ trx, c, today, calendar }) => {
      const { date, backdate } = checkPosting(
        { date: input.publishDate, backdate: input.backdate },
        today,
        backdateDaysOf(c.profile),
        'publishDate',
      );
      const { estate, community, street } = await placeOf(trx, c.estate_id);
      const template = NOTICE_TEMPLATES.announcement({
        place: estate!.name,
        community: community?.name ?? null,
        street: street?.name ?? null,
        today: date,
      });
      const notice = await postNotice(trx, ctx, calendar, {
        nodeId: c.estate_id,
        kind: 'announcement',
        title: input.title ?? template.title,
        body: input.body ?? template.body,
        publishDate: date,
        backdate,
        period: c.profile.announcementPeriod,
      });
      await trx.updateTable('formation_case').set({ announcement_notice_id: notice.id }).where('id', '=', c.id).execute();
      return notice;
    },
    (n) => ({ noticeId: n.id, endDate: n.end_date }),
  );
}
