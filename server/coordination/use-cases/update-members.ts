import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { loadBody } from '../access.js';
import type { membersBody } from '../schema.js';
import { ctrx } from '../tables.js';

/**
 * The member organisations of a body and who represents each (seed item 6: for the 联席会议 区住建,
 * 城管, 公安, 司法…, as the street sets). A member's account is who sees and carries out the tasks given
 * to it — a department's user, a committee director; a property company's staff see its tasks through
 * the company. Members no longer listed are set inactive (their past attendance and tasks stay).
 */
export async function updateMembers(ctx: ActionContext & { actor: CurrentUser }, bodyId: number, input: z.output<typeof membersBody>) {
  return inTransaction(ctx.db, async (t) => {
    const trx = ctrx(t);
    const { body } = await loadBody(t, ctx.actor, bodyId, 'coordination.manage');
    const before = await trx.selectFrom('coordination_member').selectAll().where('body_id', '=', body.id).orderBy('position').execute();
    const names = input.members.map((m) => m.organisation);
    if (new Set(names).size !== names.length) throw badRequest('成员单位名称重复', 'members');
    const rows = [];
    for (const [i, m] of input.members.entries()) {
      // accountLogin left out keeps who acts for a listed member; null or empty clears it
      let accountId: number | null =
        m.accountLogin === undefined && m.id != null ? (before.find((b) => b.id === m.id)?.account_id ?? null) : null;
      if (m.accountLogin) {
        const a = await trx
          .selectFrom('account')
          .select(['id', 'disabled'])
          .where((eb) => eb.or([eb('username', '=', m.accountLogin!), eb('mobile', '=', m.accountLogin!)]))
          .executeTakeFirst();
        if (!a || a.disabled) throw badRequest(`未找到可用的账号“${m.accountLogin}”`, `members.${i}.accountLogin`);
        accountId = a.id;
      }
      if (m.companyId != null) {
        const c = await trx.selectFrom('org_node').select('kind').where('id', '=', m.companyId).executeTakeFirst();
        if (c?.kind !== 'company') throw badRequest('所选单位不是物业服务企业', `members.${i}.companyId`);
      }
      if (m.id != null && !before.some((b) => b.id === m.id)) throw badRequest('成员单位不属于本机制', `members.${i}.id`);
      rows.push({
        id: m.id ?? null,
        kind: m.kind,
        organisation: m.organisation,
        representative: m.representative ?? null,
        account_id: accountId,
        company_id: m.companyId ?? null,
        position: i,
        active: true,
      });
    }
    for (const r of rows) {
      const { id, ...values } = r;
      if (id != null) await trx.updateTable('coordination_member').set(values).where('id', '=', id).execute();
      else
        await trx
          .insertInto('coordination_member')
          .values({ body_id: body.id, ...values })
          .execute();
    }
    const kept = new Set(rows.map((r) => r.id).filter((x) => x != null));
    const dropped = before.filter((b) => !kept.has(b.id)).map((b) => b.id);
    if (dropped.length) await trx.updateTable('coordination_member').set({ active: false }).where('id', 'in', dropped).execute();
    const after = await trx.selectFrom('coordination_member').selectAll().where('body_id', '=', body.id).orderBy('position').execute();
    await recordAudit(t, ctx, {
      action: 'coordination.updateMembers',
      entityType: 'coordination_body',
      entityId: body.id,
      nodeId: body.node_id,
      before,
      after,
    });
  });
}
