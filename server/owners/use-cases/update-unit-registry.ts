import type { z } from 'zod';
import { parseYuan } from '../../../core/money.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { todayInChina } from '../../clock.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { loadUnit } from '../owner-ref.js';
import type { unitRegistryBody } from '../schema.js';

/** Developer stock (R3) and property-fee status (R37) of a unit. */
export async function updateUnitRegistry(
  ctx: ActionContext & { actor: CurrentUser },
  unitId: number,
  input: z.output<typeof unitRegistryBody>,
) {
  return inTransaction(ctx.db, async (trx) => {
    const unit = await loadUnit(trx, unitId);
    await requireAt(trx, ctx.actor, unit.building_id, 'registry.manage', 'registry.read', '房屋');
    const before = await trx
      .selectFrom('unit')
      .select(['developer_stock', 'fee_status', 'fee_arrears_since', 'fee_arrears_fen', 'fee_updated_on'])
      .where('id', '=', unit.id)
      .executeTakeFirstOrThrow();
    const set: Record<string, unknown> = {};
    if (input.developerStock !== undefined) set.developer_stock = input.developerStock;
    if (input.feeStatus !== undefined || input.feeArrearsSince !== undefined || input.feeArrears !== undefined) {
      const status = input.feeStatus ?? before.fee_status;
      if (status === 'arrears') {
        const since = input.feeArrearsSince !== undefined ? input.feeArrearsSince : before.fee_arrears_since;
        if (!since) throw badRequest('登记欠费时请填写欠费起始日期（R37）', 'feeArrearsSince');
        const today = todayInChina();
        if (since > today) throw badRequest(`欠费起始日期不能晚于今天（${today}）`, 'feeArrearsSince');
        set.fee_arrears_since = since;
        if (input.feeArrears !== undefined) {
          const fen = input.feeArrears == null ? null : parseYuan(input.feeArrears);
          if (fen && !fen.ok) throw badRequest(`欠费金额：${fen.message}`, 'feeArrears');
          set.fee_arrears_fen = fen ? fen.fen : null;
        }
      } else {
        if (input.feeArrearsSince || input.feeArrears) throw badRequest('物业费状态不是“欠费”时不能填写欠费日期或金额', 'feeStatus');
        set.fee_arrears_since = null;
        set.fee_arrears_fen = null;
      }
      set.fee_status = status;
      set.fee_updated_on = todayInChina();
    }
    if (Object.keys(set).length === 0) throw badRequest('没有需要修改的内容');
    const after = await trx
      .updateTable('unit')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', unit.id)
      .returning(['developer_stock', 'fee_status', 'fee_arrears_since', 'fee_arrears_fen', 'fee_updated_on'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'unit.registry',
      entityType: 'unit',
      entityId: unit.id,
      nodeId: unit.building_id,
      before,
      after,
    });
    return after;
  });
}
