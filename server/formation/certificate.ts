import { formatDateZh } from '../../core/dates.js';
import type { Db } from '../db/connect.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { CurrentUser } from '../http/context.js';
import { conflict } from '../http/errors.js';
import { caseDetail } from './queries.js';

const undemo = (s: string) => s.replace(/（演示）$/, '');

/** 成立证明 (R31: the seal is applied for with it), as an official document of the street office. */
export async function certificateDocument(db: Db, user: CurrentUser, caseId: number): Promise<OfficialDocument & { fileName: string }> {
  const d = await caseDetail(db, user, caseId);
  if (!d.committee) throw conflict('尚未核发成立证明');
  const estate = undemo(d.estate.name);
  const director = d.committee.members.find((m) => m.seat === '主任');
  return {
    title: `关于${estate}物业管理委员会成立的证明`,
    recipient: null,
    paragraphs: [
      `证明编号：${d.committee.certificateNo}`,
      `根据《${undemo(d.estate.streetName ?? '')}物业管理委员会组建运行实施办法》，经发布组建公告、报名推荐、街道和社区党组织把关、确定委员名单并公示，公示期内${
        d.objections.length ? `收到的${d.objections.length}件书面异议均已核查并公布结果` : '未收到书面异议'
      }，${estate}物业管理委员会于${formatDateZh(d.committee.establishedOn)}成立。`,
      `物业管理委员会由${d.committee.members.length}名委员组成${director ? `，主任：${director.name}` : ''}。委员：${d.committee.members.map((m) => `${m.name}（${m.seat}）`).join('、')}。`,
      d.committee.termEnd ? `任期至${formatDateZh(d.committee.termEnd)}。` : '任期至业主委员会产生或原业主委员会恢复履行职责之日止。',
      '物业管理委员会可凭本证明申请刻制印章。',
      '特此证明。',
    ],
    issuer: `${undemo(d.estate.streetName ?? '')}办事处`,
    date: d.committee.establishedOn,
    fileName: `${estate}物业管理委员会成立证明.docx`,
  };
}
