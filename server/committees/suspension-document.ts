import { SEAT_LABEL } from '../../core/committee.js';
import type { Db } from '../db/connect.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { CurrentUser } from '../http/context.js';
import { badRequest, conflict } from '../http/errors.js';
import { placeOf } from '../formation/profile.js';
import { reportDetail } from './negative-queries.js';
import { kdb } from './tables.js';
import { suspensionText } from './use-cases/negative-list.js';

/** R35: the written notice to all owners, printable for each building's board (addressed to that building's owners). */
export async function suspensionDocument(
  db: Db,
  user: CurrentUser,
  reportId: number,
  buildingId: number | null,
): Promise<OfficialDocument> {
  const r = await reportDetail(db, user, reportId);
  if (r.state !== 'upheld' || !r.decidedOn) throw conflict('只有认定属实的报告才有暂停履职通知');
  const building = buildingId == null ? null : r.buildings.find((b) => b.id === buildingId);
  if (buildingId != null && !building) throw badRequest('该楼栋不属于本小区', 'buildingId');
  const m = await kdb(db).selectFrom('committee_member').select('seat').where('id', '=', r.memberId).executeTakeFirstOrThrow();
  const estate = r.estateName.replace(/（演示）$/, '');
  const { street } = await placeOf(db, r.estateId);
  const kindLabel = r.committee.kind === 'pmc' ? '物业管理委员会' : '业主委员会';
  return {
    title: `关于暂停${r.memberName}履行${kindLabel}委员职责的通知`,
    recipient: `${estate}${building ? building.name : ''}全体业主：`,
    paragraphs: suspensionText(estate, r.memberName, SEAT_LABEL[m.seat], r.item, r.decidedOn, kindLabel),
    issuer: `${(street?.name ?? '').replace(/（演示）$/, '')}办事处`,
    date: r.decidedOn,
  };
}
