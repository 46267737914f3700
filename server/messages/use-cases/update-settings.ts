import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { mdb } from '../tables.js';

export interface SettingsInput {
  sms?: boolean;
  largeText?: boolean;
}

/**
 * An owner's own settings (issue 19): SMS on or off (in-app messages always arrive), and the large
 * text of their pages, remembered on the account. The change and its audit entry commit together.
 */
export async function updateOwnerSettings(ctx: ActionContext & { actor: CurrentUser }, input: SettingsInput) {
  return inTransaction(ctx.db, async (trx) => {
    const q = mdb(trx);
    const before = await q.selectFrom('owner_setting').selectAll().where('account_id', '=', ctx.actor.id).forUpdate().executeTakeFirst();
    const next = {
      sms: input.sms ?? before?.sms ?? true,
      large_text: input.largeText ?? before?.large_text ?? false,
    };
    const after = await q
      .insertInto('owner_setting')
      .values({ account_id: ctx.actor.id, ...next })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...next, updated_at: new Date() }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'owner.settings',
      entityType: 'account',
      entityId: ctx.actor.id,
      nodeId: null,
      before: before ? { sms: before.sms, largeText: before.large_text } : null,
      after: { sms: after.sms, largeText: after.large_text },
    });
    return after;
  });
}
