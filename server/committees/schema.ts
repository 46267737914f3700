import { z } from 'zod';
import { COMMITTEE_KINDS, MEETING_PURPOSES } from '../../core/committee.js';
import { dateInput, nameInput, positiveId } from '../http/schemas.js';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

export const fileInput = z.strictObject({
  fileName: nameInput('文件名', 200),
  contentType: z.string({ error: '请提供文件类型' }),
  /** 文件内容，Base64 编码，不超过 5 MB */
  dataBase64: z.string({ error: '请提供文件内容' }),
});

export const committeeParams = z.strictObject({
  kind: z.enum(COMMITTEE_KINDS, { error: '委员会类型只能是 pmc（物管会）或 owners（业委会）' }),
  id: z.coerce.number().int().positive({ error: '委员会编号必须是正整数' }),
});

export const demandBody = z.strictObject({
  /** 提议召开会议的事由 */
  reason: text('提议事由', 1000),
  /** 书面提议的日期，默认今天 */
  demandedOn: dateInput.optional(),
});

/** 工作人员录入纸质书面提议：签名的委员及提议书扫描件 */
export const paperDemandBody = demandBody.extend({
  memberIds: z.array(positiveId('委员编号')).min(1, { error: '请选择在提议书上签名的委员' }).max(50),
  scan: fileInput.optional(),
});

export const conveneBody = z.strictObject({
  title: nameInput('会议名称', 200),
  heldOn: dateInput,
  location: z.string().trim().max(100, { error: '地点不能超过 100 个字' }).nullish(),
  /** 会议议题（通知所列） */
  agenda: z.array(text('议题', 300)).min(1, { error: '会议通知应列明议题' }).max(30),
  /** 因三分之一以上委员书面提议而召集时填写该提议 */
  demandId: positiveId('提议编号').optional(),
  /** regular：例会；annualReport：述职会议（邀请业主代表列席，R36） */
  purpose: z.enum(MEETING_PURPOSES, { error: '会议类型只能是 regular（例会）或 annualReport（述职会议）' }).default('regular'),
  /** 述职会议邀请的业主代表（本小区业主，人员编号） */
  guestIds: z.array(positiveId('业主代表')).max(100, { error: '邀请的业主代表不能超过 100 人' }).default([]),
});

export const cancelBody = z.strictObject({
  /** 取消会议的原因（通知全体委员） */
  reason: text('取消原因', 1000),
});

export const meetingFileBody = z.strictObject({
  file: fileInput,
  /** 所属议题（议题序号，从 0 起）；不填则为会议材料 */
  agendaIndex: z.number().int().min(0, { error: '议题序号不正确' }).max(29, { error: '议题序号不正确' }).nullish(),
});

export const streetSettingBody = z.strictObject({
  /** 年度述职月份（1–12） */
  reportMonth: z
    .number({ error: '述职月份必须是数字' })
    .int()
    .min(1, { error: '述职月份为1至12月' })
    .max(12, { error: '述职月份为1至12月' }),
});

export const attendanceBody = z.strictObject({
  /** 出席的委员（本人出席，现场或线上）；业主代表不得委托他人代为出席 */
  attendance: z
    .array(
      z.strictObject({
        memberId: positiveId('委员编号'),
        mode: z.enum(['inPerson', 'online'], { error: '出席方式只能是 inPerson（现场）或 online（线上）' }),
        /** 委托他人代为出席时的代理人姓名（业主代表不得委托） */
        proxy: z.string().trim().max(50).nullish(),
      }),
    )
    .max(50),
});

export const holdBody = z.strictObject({
  minutes: text('会议纪要', 20000),
});

export const resolutionBody = z.strictObject({
  title: nameInput('决议标题', 200),
  text: text('决议内容', 5000),
  /** 涉及民法典第二百七十八条的事项（1–9）：须由业主共同决定 */
  items: z
    .array(z.number().int().min(1).max(9, { error: '事项只能是第二百七十八条第（一）至（九）项' }))
    .max(9)
    .default([]),
});

export const paperSignBody = z.strictObject({
  memberIds: z.array(positiveId('委员编号')).min(1, { error: '请选择在纸质决议上签字的委员' }).max(50),
  /** 签字页扫描件 */
  scan: fileInput,
});

export const publishBody = z.strictObject({
  /** 张贴日期，默认今天 */
  publishDate: dateInput.optional(),
});

export const fileParams = z.strictObject({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

export const itemBody = z.strictObject({
  streetId: positiveId('街道编号'),
  label: nameInput('负面清单事项', 200),
});

export const reportBody = z.strictObject({
  memberId: positiveId('委员编号'),
  itemId: positiveId('负面清单事项编号'),
  facts: text('事实情况', 5000),
  /** 证据材料（至少一份） */
  evidence: z.array(fileInput).min(1, { error: '请上传证据材料' }).max(10),
});

export const decideBody = z.strictObject({
  upheld: z.boolean({ error: '请选择是否属实' }),
  reason: text('认定理由', 2000),
});

export const outcomeBody = z.strictObject({
  /** lifted：恢复履职；removed：罢免（终止委员资格） */
  outcome: z.enum(['lifted', 'removed'], { error: '只能恢复履职（lifted）或罢免（removed）' }),
  reason: text('理由', 2000),
});

export const reportsQuery = z.strictObject({
  state: z.enum(['pending', 'upheld', 'notUpheld', 'all']).default('all'),
});

export const noticeDocQuery = z.strictObject({
  buildingId: z.coerce.number().int().positive().optional(),
});

export const itemsQuery = z.strictObject({
  /** 街道，或其下的小区（取所在街道） */
  streetId: z.coerce.number().int().positive().optional(),
  estateId: z.coerce.number().int().positive().optional(),
});

export const endMemberBody = z.strictObject({
  kind: z.enum(['resigned', 'removed'], { error: '只能是辞职（resigned）或罢免（removed）' }),
  reason: text('原因', 2000),
});

export const nominateBody = z.strictObject({
  personId: positiveId('被提名人'),
  /** R28：自荐、社区党组织、居民委员会、10名以上业主联名 */
  channel: z.enum(['self', 'partyOrg', 'residentsCommittee', 'jointOwners'], { error: '提名方式不正确' }),
  signerIds: z.array(positiveId('联名业主')).max(500).optional(),
  seat: z.enum(['deputyDirector', 'member']).default('member'),
  statement: z.string().trim().max(2000).nullish(),
  vacatedMemberId: positiveId('所补委员').optional(),
});

export const vetBody = z.strictObject({
  passed: z.boolean({ error: '请选择审核结果' }),
  reason: text('审核意见', 2000),
});

export const memberParams = committeeParams.extend({ memberId: z.coerce.number().int().positive() });

export const candidatesQuery = z.strictObject({ q: z.string().trim().max(50).optional() });

export const reportSubmitBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  text: text('述职报告', 20000),
  /** 向业主代表述职的会议（本委员会的会议） */
  meetingId: positiveId('会议编号').optional(),
  opensOn: dateInput,
  closesOn: dateInput,
});

export const evaluateBody = z.strictObject({
  choice: z.enum(['satisfied', 'basic', 'dissatisfied'], { error: '请选择满意、基本满意或不满意' }),
  opinion: z.string().trim().max(2000, { error: '意见不能超过 2000 个字' }).nullish(),
});

export const rectificationBody = z.strictObject({
  title: text('整改事项', 300),
  memberId: positiveId('责任委员'),
  dueWorkdays: z.number().int().min(1).max(250, { error: '整改期限为1至250个工作日' }),
  evaluationId: positiveId('评议意见').optional(),
});

export const doneBody = z.strictObject({
  note: text('进展或完成情况', 2000),
  done: z.boolean().default(false),
  evidence: fileInput.optional(),
});

export const trainingBody = z.strictObject({
  streetId: positiveId('街道编号'),
  heldOn: dateInput,
  topic: nameInput('培训主题', 200),
  note: z.string().trim().max(2000).nullish(),
  materials: z.array(fileInput).max(10).optional(),
  attendeeIds: z.array(positiveId('签到人员')).max(1000),
});

export const attendanceListBody = z.strictObject({ personIds: z.array(positiveId('签到人员')).max(1000) });

export const trainingQuery = z.strictObject({
  /** 街道或社区 */
  nodeId: z.coerce.number().int().positive({ error: '请指定街道或社区' }),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const yearQuery = z.strictObject({
  year: z.coerce.number().int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }),
});
