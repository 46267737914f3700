import { z } from 'zod';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';
import { backdateInput } from '../notices/posting.js';

/** Request bodies of the decisions API; every message is what the user reads when a field is wrong. */

const candidateInput = z.strictObject({
  name: nameInput('候选人姓名', 50),
  /** 已登记人员编号（可选） */
  personId: positiveId('候选人人员编号').nullish(),
});

export const motionInput = z.strictObject({
  title: nameInput('表决事项标题', 200),
  body: optionalText('表决事项说明', 5000),
  /** 民法典第278条事项序号 1–9 */
  item: z
    .number({ error: '请选择民法典第278条的事项（1–9）' })
    .int({ error: '请选择民法典第278条的事项（1–9）' })
    .min(1, { error: '请选择民法典第278条的事项（1–9）' })
    .max(9, { error: '请选择民法典第278条的事项（1–9）' }),
  /** choice：同意/反对/弃权；election：多名额选举 */
  kind: z.enum(['choice', 'election'], { error: '表决方式只能是单项表决(choice)或选举(election)' }).default('choice'),
  seats: z
    .number({ error: '应选名额必须是正整数' })
    .int({ error: '应选名额必须是正整数' })
    .min(1, { error: '应选名额必须是正整数' })
    .max(99)
    .nullish(),
  candidates: z.array(candidateInput, { error: '候选人必须是列表' }).max(99, { error: '候选人不能超过 99 名' }).nullish(),
});

export const decisionInput = z.strictObject({
  title: nameInput('表决名称', 200),
  /** 组织者，如“物业管理委员会” */
  organiser: nameInput('组织者', 100),
  /** R5：表决范围的楼栋；不填为整个小区 */
  buildingIds: z.array(positiveId('楼栋编号'), { error: '楼栋必须是列表' }).max(500).nullish(),
  motions: z.array(motionInput, { error: '表决事项必须是列表' }).max(30, { error: '一次表决最多 30 个事项' }),
  opensOn: dateInput,
  closesOn: dateInput,
  /** 同一房屋既有网络投票又有纸质票时以哪种为准（深圳做法：网络投票） */
  prevailing: z.enum(['online', 'paper'], { error: '优先的表决方式只能是 online 或 paper' }).default('online'),
  /** R11 从众条款（默认关闭） */
  followMajority: z.boolean({ error: '从众条款必须是布尔值' }).default(false),
  /** R6 车位是否计入专有部分（默认不计入） */
  countParking: z.boolean({ error: '车位是否计入必须是布尔值' }).default(false),
  /** R10 废票：视为弃权（abstain）或不计入参与表决（excluded）；不填按街道的规则模板 */
  spoiled: z.enum(['abstain', 'excluded'], { error: '废票的计算方式只能是 abstain（视为弃权）或 excluded（不计入）' }).optional(),
  /** 无记名表决：公开计票文件不含房号，只有匿名房屋编号、面积和回执追踪码（默认公开房号） */
  secretBallot: z.boolean({ error: '是否无记名表决必须是布尔值' }).default(false),
});

export const createDecisionBody = decisionInput.extend({ estateId: positiveId('小区编号') });

export const announceBody = z.strictObject({
  /** 议题公告张贴日期，默认今天；不得晚于今天；早于今天须为已张贴纸质公告的补录 */
  announcedOn: dateInput.optional(),
  /** 补录：原因与张贴现场照片 */
  backdate: backdateInput.nullish(),
});

export const fileInput = z.strictObject({
  fileName: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(200, { error: '文件名不能超过 200 个字' }),
  contentType: z.string({ error: '请提供文件类型' }),
  /** 文件内容，Base64 编码，不超过 5 MB */
  dataBase64: z.string({ error: '请提供文件内容' }),
});

/** motion code → 'yes'|'no'|'abstain' (paper also 'spoiled', R10), or the candidate codes picked in an election */
const answers = z.record(z.string(), z.union([z.enum(['yes', 'no', 'abstain', 'spoiled']), z.array(z.string())]), {
  error: '表决内容必须是“事项编号 → 选择”的对象',
});

export const voteBody = z.strictObject({
  answers,
  /** R20：代他人投票时必填委托人（其房屋）与书面委托书 */
  proxy: z
    .strictObject({
      principalUnitId: positiveId('委托人房屋编号').nullish(),
      document: fileInput.nullish(),
    })
    .nullish(),
});

export const paperBody = z.strictObject({
  unitId: positiveId('房屋编号'),
  answers,
  /** 纸质表决票扫描件 */
  scan: fileInput,
  /** R20：受托人代为投票时填写受托人姓名并上传书面委托书 */
  proxyHolder: optionalText('受托人姓名', 50),
  proxyDocument: fileInput.nullish(),
  /** 复核录入：组织者对两次录入不一致的票作出最终录入 */
  review: z.boolean().default(false),
});

export const receiptParams = z.strictObject({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  /** 回执码（12 位字母和数字，可含空格或短横线） */
  code: z.string().regex(/^[A-Za-z0-9 -]{4,24}$/, { error: '回执码格式不正确：应为12位字母和数字' }),
});

export const listQuery = z.strictObject({
  estateId: z.coerce.number().int().positive().optional(),
});
