import type { DispatchRule, HandlerType, PausableState, TimeLimit } from '../../../core/tickets.js';
import { recordAudit } from '../../audit/record.js';
import { requireAt } from '../../access/scope.js';
import { inTransaction } from '../../db/transaction.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { departmentAccount } from '../handlers.js';
import { sdb, strx } from '../tables.js';

export interface ServiceKindInput {
  name: string;
  description?: string | null;
  handlerType: HandlerType;
  departmentAccountId?: number | null;
  respond: TimeLimit;
  finish: TimeLimit;
  dispatch: DispatchRule;
  clockStops: PausableState[];
  active?: boolean;
}

/**
 * The standard service list a community starts from (issue 16: 报修, 环境卫生, 停车, 噪音, 邻里纠纷,
 * 物业服务投诉, 违建) — each with its handler, limits and the states that stop its clock. The
 * community edits it afterwards; 违建 goes to a district department, chosen when it is loaded.
 */
export const STANDARD_KINDS: (Omit<ServiceKindInput, 'departmentAccountId'> & { needsDepartment?: true })[] = [
  {
    name: '报修',
    description: '公共部位和设施设备维修',
    handlerType: 'propertyCompany',
    respond: { unit: 'hours', amount: 24 },
    finish: { unit: 'workdays', amount: 3 },
    dispatch: 'auto',
    clockStops: ['waitingResident'],
  },
  {
    name: '环境卫生',
    description: '垃圾清运、楼道卫生、绿化',
    handlerType: 'propertyCompany',
    respond: { unit: 'hours', amount: 24 },
    finish: { unit: 'workdays', amount: 2 },
    dispatch: 'auto',
    clockStops: [],
  },
  {
    name: '停车',
    description: '乱停乱放、占用消防通道',
    handlerType: 'propertyCompany',
    respond: { unit: 'hours', amount: 4 },
    finish: { unit: 'workdays', amount: 1 },
    dispatch: 'auto',
    clockStops: [],
  },
  {
    name: '噪音',
    description: '装修、商铺、夜间噪音',
    handlerType: 'gridWorker',
    respond: { unit: 'hours', amount: 4 },
    finish: { unit: 'workdays', amount: 2 },
    dispatch: 'auto',
    clockStops: ['waitingResident'],
  },
  {
    name: '邻里纠纷',
    description: '漏水、占道等邻里矛盾调解',
    handlerType: 'gridWorker',
    respond: { unit: 'hours', amount: 24 },
    finish: { unit: 'workdays', amount: 5 },
    dispatch: 'auto',
    clockStops: ['waitingResident', 'suspended'],
  },
  {
    name: '物业服务投诉',
    description: '对物业服务企业的投诉',
    handlerType: 'community',
    respond: { unit: 'workdays', amount: 1 },
    finish: { unit: 'workdays', amount: 5 },
    dispatch: 'auto',
    clockStops: ['waitingResident'],
  },
  {
    name: '违建',
    description: '私搭乱建、违法建设',
    handlerType: 'department',
    needsDepartment: true,
    respond: { unit: 'workdays', amount: 2 },
    finish: { unit: 'workdays', amount: 15 },
    dispatch: 'manual',
    clockStops: ['suspended'],
  },
];

async function checkInput(db: Parameters<typeof departmentAccount>[0], communityId: number, input: ServiceKindInput) {
  if (input.handlerType === 'department') {
    if (!input.departmentAccountId) throw badRequest('承办方为区职能部门时，请选择具体部门', 'departmentAccountId');
    await departmentAccount(db, communityId, input.departmentAccountId);
  }
  if (new Set(input.clockStops).size !== input.clockStops.length) throw badRequest('停止计时的状态不能重复', 'clockStops');
}

const columns = (input: ServiceKindInput) => ({
  name: input.name,
  description: input.description ?? null,
  handler_type: input.handlerType,
  department_account_id: input.handlerType === 'department' ? (input.departmentAccountId ?? null) : null,
  respond_unit: input.respond.unit,
  respond_amount: input.respond.amount,
  finish_unit: input.finish.unit,
  finish_amount: input.finish.amount,
  dispatch: input.dispatch,
  clock_stops: JSON.stringify(input.clockStops),
  ...(input.active !== undefined ? { active: input.active } : {}),
});

async function requireCommunity(ctx: ActionContext & { actor: CurrentUser }, communityId: number) {
  const node = await ctx.db.selectFrom('org_node').select('kind').where('id', '=', communityId).executeTakeFirst();
  if (!node || node.kind !== 'community') throw notFound('社区');
  await requireAt(ctx.db, ctx.actor, communityId, 'service.manage', 'org.read', '社区');
}

/** Adds one kind of request to a community's service list. */
export async function createServiceKind(ctx: ActionContext & { actor: CurrentUser }, communityId: number, input: ServiceKindInput) {
  await requireCommunity(ctx, communityId);
  await checkInput(ctx.db, communityId, input);
  return inTransaction(ctx.db, async (trx) => {
    const dup = await sdb(trx)
      .selectFrom('service_kind')
      .select('id')
      .where('community_id', '=', communityId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw conflict(`本社区服务清单中已有「${input.name}」，请修改原事项`);
    const pos = await sdb(trx)
      .selectFrom('service_kind')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('p'))
      .where('community_id', '=', communityId)
      .executeTakeFirstOrThrow();
    const row = await strx(trx)
      .insertInto('service_kind')
      .values({ community_id: communityId, position: Number(pos.p) + 1, ...columns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'serviceKind.create',
      entityType: 'service_kind',
      entityId: row.id,
      nodeId: communityId,
      after: input,
    });
    return row;
  });
}

/** Changes one kind; tickets already raised keep the limits they were raised under. */
export async function updateServiceKind(ctx: ActionContext & { actor: CurrentUser }, kindId: number, input: ServiceKindInput) {
  const kind = await sdb(ctx.db).selectFrom('service_kind').selectAll().where('id', '=', kindId).executeTakeFirst();
  if (!kind) throw notFound('服务清单事项');
  await requireCommunity(ctx, kind.community_id);
  await checkInput(ctx.db, kind.community_id, input);
  return inTransaction(ctx.db, async (trx) => {
    const dup = await sdb(trx)
      .selectFrom('service_kind')
      .select('id')
      .where('community_id', '=', kind.community_id)
      .where('name', '=', input.name)
      .where('id', '<>', kindId)
      .executeTakeFirst();
    if (dup) throw conflict(`本社区服务清单中已有「${input.name}」`);
    await strx(trx)
      .updateTable('service_kind')
      .set({ ...columns(input), updated_at: new Date() })
      .where('id', '=', kindId)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'serviceKind.update',
      entityType: 'service_kind',
      entityId: kindId,
      nodeId: kind.community_id,
      before: kind,
      after: input,
    });
    return { id: kindId };
  });
}

/** Loads the standard list into a community that has none yet (违建 needs the department that handles it). */
export async function loadStandardKinds(
  ctx: ActionContext & { actor: CurrentUser },
  communityId: number,
  departmentAccountId: number | null,
) {
  await requireCommunity(ctx, communityId);
  if (departmentAccountId) await departmentAccount(ctx.db, communityId, departmentAccountId);
  return inTransaction(ctx.db, async (trx) => {
    const any = await sdb(trx).selectFrom('service_kind').select('id').where('community_id', '=', communityId).executeTakeFirst();
    if (any) throw conflict('本社区已有服务清单，请逐项修改');
    const kinds = STANDARD_KINDS.filter((k) => !k.needsDepartment || departmentAccountId);
    await strx(trx)
      .insertInto('service_kind')
      .values(
        kinds.map(({ needsDepartment: _n, ...k }, i) => ({
          community_id: communityId,
          position: i + 1,
          ...columns({ ...k, departmentAccountId }),
        })),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'serviceKind.standard',
      entityType: 'service_kind',
      entityId: null,
      nodeId: communityId,
      after: { kinds: kinds.map((k) => k.name) },
    });
    return { count: kinds.length };
  });
}
