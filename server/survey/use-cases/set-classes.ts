import type { z } from 'zod';
import { classListProblems } from '../../../core/survey.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { streetClasses } from '../queries.js';
import type { classesBody } from '../schema.js';
import { strx } from '../tables.js';

type Ctx = ActionContext & { actor: CurrentUser };

/**
 * 分类管理: the street replaces its list of classes and their measures (分类施策). Every rule keeps
 * exactly one class; a class that estates were moved to by override cannot be removed while they are.
 */
export async function setClasses(ctx: Ctx, streetId: number, input: z.output<typeof classesBody>) {
  const problems = classListProblems(input.classes);
  if (problems.length) throw badRequest(problems.join('；'), 'classes');
  return inTransaction(ctx.db, async (trx) => {
    await requireAt(trx, ctx.actor, streetId, 'classification.manage', 'governance.read', '街道');
    const n = await trx.selectFrom('org_node').select('kind').where('id', '=', streetId).executeTakeFirstOrThrow();
    if (n.kind !== 'street') throw badRequest('分类按街道设置', 'id');
    const before = (await streetClasses(trx, [streetId])).get(streetId)!;
    const kept = new Set(input.classes.map((c) => c.code));
    const stranded = await strx(trx)
      .selectFrom('estate_class_override as o')
      .innerJoin('org_closure as c', 'c.descendant_id', 'o.estate_id')
      .innerJoin('org_node as e', 'e.id', 'o.estate_id')
      .select(['o.class_code', 'e.name'])
      .where('c.ancestor_id', '=', streetId)
      .execute();
    const lost = stranded.filter((s) => !kept.has(s.class_code));
    if (lost.length)
      throw conflict(
        `分类“${before.find((c) => c.code === lost[0]!.class_code)?.label ?? lost[0]!.class_code}”中有经街道调整归入的小区（${lost.map((l) => l.name).join('、')}），请先取消调整再删除该分类`,
      );
    await strx(trx).deleteFrom('estate_class').where('street_id', '=', streetId).execute();
    await strx(trx)
      .insertInto('estate_class')
      .values(input.classes.map((c, i) => ({ street_id: streetId, ...c, position: i, updated_by: ctx.actor.id })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'classification.classes',
      entityType: 'street',
      entityId: streetId,
      nodeId: streetId,
      before: { classes: before },
      after: { classes: input.classes },
    });
  });
}
