import { PARTY_STATUS_LABEL, PERSON_TAG_LABEL, type PartyStatus, type PersonTag } from '../../core/registry.js';
import { listWorkbook, type SheetColumn } from '../documents/spreadsheet.js';
import type { listPeople } from './queries.js';

type Row = Awaited<ReturnType<typeof listPeople>>['items'][number];

/** The people list as the page shows it: masked ID numbers and mobiles, nothing more. */
export const PEOPLE_COLUMNS: SheetColumn<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '登记单位', width: 20, value: (r) => r.nodeName },
  { header: '身份证号', width: 22, value: (r) => r.idNumberMasked },
  { header: '出生日期', value: (r) => r.birthDate },
  { header: '手机号', value: (r) => r.mobileMasked },
  { header: '政治面貌', value: (r) => PARTY_STATUS_LABEL[r.partyStatus as PartyStatus] },
  { header: '所属党组织', width: 22, value: (r) => r.partyOrgName },
  { header: '背景标签', width: 20, value: (r) => r.tags.map((t) => PERSON_TAG_LABEL[t as PersonTag] ?? t).join('、') },
  { header: '现任职务', width: 36, value: (r) => r.currentPosts.map((p) => `${p.bodyName}${p.roleLabel}`).join('、') },
  { header: '职业', value: (r) => r.occupation },
  { header: '住址', width: 28, value: (r) => r.address },
];

export function peopleWorkbook(items: Row[]): Promise<Buffer> {
  return listWorkbook('人员', PEOPLE_COLUMNS, items);
}
