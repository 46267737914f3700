import { formatDateZh } from '../../../core/dates.js';
import type { Trx } from '../../db/transaction.js';
import { badRequest, conflict } from '../../http/errors.js';

const OPEN_END = '9999-12-31';

/**
 * One estate has one property-service provider at a time: no two contracts for the same estate may
 * overlap, whether of the same company (a duplicate) or of another (the estate's current
 * provider). The estate row is locked first, so two concurrent registrations queue up.
 */
export async function checkContractPeriod(
  trx: Trx,
  c: { companyId: number; estateId: number; startedOn: string; endedOn: string | null; exceptId?: number },
) {
  if (c.endedOn !== null && c.endedOn < c.startedOn) throw badRequest('合同终止日期不能早于起始日期', 'endedOn');
  await trx.selectFrom('org_node').select('id').where('id', '=', c.estateId).forUpdate().execute();
  let q = trx
    .selectFrom('service_contract as sc')
    .innerJoin('org_node as n', 'n.id', 'sc.company_id')
    .select(['sc.id', 'sc.company_id', 'sc.started_on', 'sc.ended_on', 'n.name'])
    .where('sc.estate_id', '=', c.estateId)
    .where('sc.started_on', '<=', c.endedOn ?? OPEN_END)
    .where((eb) => eb(eb.fn.coalesce('sc.ended_on', eb.val(OPEN_END)), '>=', c.startedOn))
    .orderBy('sc.started_on');
  if (c.exceptId) q = q.where('sc.id', '!=', c.exceptId);
  const clash = await q.executeTakeFirst();
  if (!clash) return;
  const period = `${formatDateZh(clash.started_on)}至${clash.ended_on ? formatDateZh(clash.ended_on) : '今'}`;
  if (clash.company_id === c.companyId) {
    throw conflict(`本企业在该小区已有一份合同（${period}），期间重叠；请修改日期，或先结束原合同`);
  }
  throw conflict(`该小区在${period}由“${clash.name}”提供物业服务，同一时间只能有一家物业企业；请先结束该企业的合同，或调整日期`);
}

/** A project manager must be one of the company's staff. */
export async function checkProjectManager(trx: Trx, companyId: number, personId: number | null | undefined) {
  if (personId == null) return;
  const staff = await trx
    .selectFrom('post')
    .select('id')
    .where('node_id', '=', companyId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!staff) throw badRequest('项目经理应是本企业登记的人员，请先在人员名单中添加', 'projectManagerId');
}
