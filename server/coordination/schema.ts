import { z } from 'zod';
import { AGENDA_SOURCES, BODY_KINDS, DISPUTE_CATEGORIES, DISPUTE_PARTY_KINDS, MEMBER_KINDS } from '../../core/coordination.js';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

const file = z.strictObject({
  fileName: nameInput('文件名', 200),
  contentType: z.string({ error: '请提供文件类型' }),
  /** 文件内容，Base64 编码，不超过 5 MB */
  dataBase64: z.string({ error: '请提供文件内容' }),
});

export const bodiesQuery = z.strictObject({
  /** 街道或社区节点；不填为权限范围内全部 */
  nodeId: z.coerce.number().int().positive({ error: '节点编号必须是正整数' }).optional(),
});

export const createBodyBody = z.strictObject({
  /** fourInOne 社区“四位一体”会议 / jointMeeting 街道物业管理联席会议 */
  kind: z.enum(BODY_KINDS, { error: '会议类型只能是 fourInOne（四位一体）或 jointMeeting（联席会议）' }),
  /** 社区（四位一体）或街道（联席会议） */
  nodeId: positiveId('所属社区或街道'),
  name: nameInput('名称', 100).optional(),
});

export const memberInput = z.strictObject({
  /** 已有成员单位的编号；新增时不填 */
  id: positiveId('成员单位编号').optional(),
  kind: z.enum(MEMBER_KINDS, { error: '成员单位类型不正确' }),
  organisation: nameInput('单位名称', 100),
  representative: optionalText('代表', 50),
  /** 代表该单位查看、办理任务的账号（用户名或手机号） */
  accountLogin: optionalText('办理账号', 50),
  /** 物业服务企业（其从业人员可办理交办给企业的任务） */
  companyId: positiveId('物业服务企业编号').nullish(),
});

export const membersBody = z.strictObject({
  members: z.array(memberInput, { error: '成员单位必须是列表' }).min(1, { error: '至少需要一个成员单位' }).max(30),
});

export const createMeetingBody = z.strictObject({
  bodyId: positiveId('议事机制编号'),
  title: nameInput('会议名称', 200),
  /** 召开日期 */
  heldOn: dateInput,
  location: optionalText('地点', 100),
});

export const meetingsQuery = z.strictObject({
  bodyId: z.coerce.number().int().positive().optional(),
  nodeId: z.coerce.number().int().positive().optional(),
});

export const agendaBody = z.strictObject({
  /** 议题来源：从平台清单中选取，或 typed 手工填写 */
  source: z.enum(AGENDA_SOURCES, { error: '议题来源不正确' }),
  /** 来源对象的编号（任务、纠纷、小区…）；手工填写时不填 */
  sourceId: positiveId('来源编号').nullish(),
  estateId: positiveId('小区编号').nullish(),
  title: nameInput('议题', 300),
  note: optionalText('说明', 2000),
});

export const recordBody = z.strictObject({
  attendance: z
    .array(
      z.strictObject({
        memberId: positiveId('成员单位编号'),
        present: z.boolean({ error: '是否出席必须是 true 或 false' }),
        /** 出席人姓名 */
        attendee: optionalText('出席人', 50),
      }),
      { error: '出席情况必须是列表' },
    )
    .max(30),
  /** 会议纪要 */
  minutes: text('会议纪要', 20000),
});

export const taskInput = z.strictObject({
  /** 承办单位（成员单位编号） */
  memberId: positiveId('承办单位'),
  assignee: optionalText('承办人', 50),
  title: nameInput('任务', 300),
  /** 办理期限：自会议召开之日起若干个工作日 */
  dueWorkdays: z
    .number({ error: '办理期限必须是整数（工作日）' })
    .int({ error: '办理期限必须是整数（工作日）' })
    .min(1, { error: '办理期限至少 1 个工作日' })
    .max(250, { error: '办理期限不能超过 250 个工作日' }),
  /** 转交：接续办理的原任务编号（逾期任务列入议题后改由其他单位承办） */
  originTaskId: positiveId('原任务编号').nullish(),
});

export const resolutionBody = z.strictObject({
  text: text('决议内容', 2000),
  agendaId: positiveId('议题编号').nullish(),
  tasks: z.array(taskInput, { error: '任务必须是列表' }).max(20, { error: '一项决议最多交办 20 项任务' }).default([]),
});

export const tasksQuery = z.strictObject({
  /** open 办理中 / done 待确认 / overdue 逾期 / all */
  filter: z.enum(['open', 'done', 'overdue', 'closed', 'all'], { error: '筛选条件不正确' }).default('all'),
  nodeId: z.coerce.number().int().positive().optional(),
});

export const noteBody = z.strictObject({ note: text('进展情况', 2000) });
export const finishBody = z.strictObject({
  note: text('办结情况', 2000),
  /** 办结证明材料（PDF 或 JPEG/PNG 图片） */
  evidence: file,
});
export const reopenBody = z.strictObject({ reason: text('退回理由', 2000) });

export const attachBody = file;

export const disputesQuery = z.strictObject({
  nodeId: z.coerce.number().int().positive().optional(),
  state: z.enum(['open', 'resolved', 'unresolved', 'all']).default('all'),
});

export const disputeBody = z.strictObject({
  estateId: positiveId('小区编号'),
  category: z.enum(DISPUTE_CATEGORIES, { error: '纠纷类别不正确' }),
  title: nameInput('纠纷事由', 200),
  description: text('纠纷情况', 5000),
  parties: z
    .array(z.strictObject({ kind: z.enum(DISPUTE_PARTY_KINDS, { error: '当事方类型不正确' }), name: nameInput('当事方', 100) }), {
      error: '当事方必须是列表',
    })
    .min(1, { error: '请至少填写一个当事方' })
    .max(20),
  occurredOn: dateInput,
});

export const mediationBody = z.strictObject({
  mediatedOn: dateInput,
  mediator: nameInput('调解员', 50),
  /** 调解员在人员名册中的编号（如党员楼栋长），可不填 */
  mediatorPersonId: positiveId('调解员编号').nullish(),
  record: text('调解情况', 2000),
});

export const closeDisputeBody = z.strictObject({
  outcome: z.enum(['resolved', 'unresolved'], { error: '结果只能是 resolved（已化解）或 unresolved（未化解）' }),
  text: text('调处结果', 2000),
});

export const briefingQuery = z.strictObject({
  streetId: z.coerce.number().int().positive({ error: '请选择街道' }),
  /** 月份 YYYY-MM */
  month: z.string().regex(/^\d{4}-\d{2}$/, { error: '月份格式应为 YYYY-MM' }),
});

export const itemParams = z.strictObject({
  id: z.coerce.number().int().positive({ error: '编号必须是正整数' }),
  itemId: z.coerce.number().int().positive({ error: '编号必须是正整数' }),
});

/** 提请事项: what a committee asks its community's 四位一体 meeting to take up. */
export const requestBody = z.strictObject({
  estateId: positiveId('小区编号'),
  title: nameInput('事项', 100),
  content: text('情况说明', 2000),
});
