import { z } from 'zod';
import { GOVERNANCE_REASONS, GOVERNANCE_STATUSES, NOMINATION_CHANNELS } from '../../core/formation.js';
import { dateInput, nameInput, optionalText, positiveId } from '../http/schemas.js';
import { backdateInput } from '../notices/posting.js';

// ── requests ──────────────────────────────────────────────────────────────────────────────────

export const governanceQuery = z.strictObject({
  /** 街道或社区（默认：我的全部范围） */
  nodeId: z.coerce.number().int().positive().optional(),
});

export const setGovernanceBody = z.strictObject({
  status: z.enum(['ownersCommittee', 'committeeExpired', 'pending', 'notNeeded'], {
    error: '只能直接设为：已成立业委会、业委会届满/缺位、待组建、不需组建（组建中、运行中由组建流程决定）',
  }),
  /** R26：需要组建物管会的原因 */
  reason: z.enum(GOVERNANCE_REASONS, { error: '组建原因不正确' }).nullish(),
  note: optionalText('说明', 500),
  committeeTermStart: dateInput.nullish(),
  committeeTermEnd: dateInput.nullish(),
});

export const planBody = z.strictObject({
  name: nameInput('实施方案名称', 100),
  /** R42：完成组建的期限 */
  deadline: dateInput,
  phases: z
    .array(z.strictObject({ name: nameInput('阶段名称', 30), from: dateInput, to: dateInput }), { error: '阶段必须是列表' })
    .max(10, { error: '阶段不能超过 10 个' }),
});

export const profileBody = z.strictObject({ profileId: z.string({ error: '请选择规则配置' }).min(1, { error: '请选择规则配置' }) });

export const ownersCommitteeBody = z.strictObject({
  source: z.enum(['entered', 'resumed'], { error: '来源只能是街道登记(entered)或原业委会恢复履职(resumed)' }),
  producedOn: dateInput,
  termEnd: dateInput.nullish(),
  members: z
    .array(z.strictObject({ name: nameInput('委员姓名', 50), seat: nameInput('职务', 20), personId: positiveId('人员编号').nullish() }))
    .max(30, { error: '委员不能超过 30 人' })
    .default([]),
  note: optionalText('说明', 500),
});

export const handoverBody = z.strictObject({
  /** 资料移交日期 */
  documentsOn: dateInput,
  /** 印章移交日期（已备案印章时必填） */
  sealOn: dateInput.nullish(),
  note: optionalText('说明', 500),
});

export const startCaseBody = z.strictObject({
  estateId: positiveId('小区编号'),
  /** R26：组建原因（小区尚未登记原因时必填） */
  reason: z.enum(GOVERNANCE_REASONS, { error: '组建原因不正确' }).nullish(),
});

export const announceBody = z.strictObject({
  title: nameInput('公告标题', 200).optional(),
  body: z.string({ error: '公告正文必须是文字' }).trim().min(1, { error: '公告正文不能为空' }).max(20000).optional(),
  /** 张贴日期（默认今天，不能晚于今天；早于今天须为已张贴纸质公告的补录） */
  publishDate: dateInput.optional(),
  /** 补录：原因与张贴现场照片 */
  backdate: backdateInput.nullish(),
});

export const nominateBody = z.strictObject({
  personId: positiveId('候选人编号'),
  channel: z.enum(NOMINATION_CHANNELS, { error: '推荐方式不正确' }),
  /** 作为业主代表（R23）；社区党组织、居委会推荐的非业主人选填 false */
  ownerRepresentative: z.boolean({ error: '是否业主代表必须是布尔值' }).default(true),
  statement: optionalText('推荐理由', 1000),
  /** 联名推荐的业主（人员编号），R28：不少于十名本小区业主 */
  signerIds: z.array(positiveId('联名业主编号'), { error: '联名业主必须是列表' }).max(500).default([]),
});

export const vetBody = z.strictObject({
  result: z.enum(['passed', 'failed'], { error: '把关结果只能是通过(passed)或不通过(failed)' }),
  reason: optionalText('把关意见', 500),
});

export const listBody = z.strictObject({
  members: z
    .array(
      z.strictObject({
        personId: positiveId('委员编号'),
        seat: z.enum(['director', 'deputyDirector', 'member'], { error: '职务只能是主任、副主任或委员' }),
      }),
      { error: '委员名单必须是列表' },
    )
    .max(41, { error: '委员人数过多' }),
});

export const approveListBody = z.strictObject({
  /** 名单张贴日期（默认今天；不能晚于今天；早于今天须为已张贴纸质公告的补录） */
  publishDate: dateInput.optional(),
  /** 补录：原因与张贴现场照片 */
  backdate: backdateInput.nullish(),
});

export const establishBody = z.strictObject({
  /** 成立日期（默认今天） */
  date: dateInput.optional(),
});

export const sealBody = z.strictObject({ date: dateInput, note: optionalText('备注', 200) });

export const cancelBody = z.strictObject({ reason: nameInput('终止原因', 500) });

export const caseIdParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号必须是正整数' }) });
export const nominationParams = z.strictObject({
  id: z.coerce.number().int().positive({ error: '编号必须是正整数' }),
  nominationId: z.coerce.number().int().positive({ error: '编号必须是正整数' }),
});

// ── responses ─────────────────────────────────────────────────────────────────────────────────

export const governanceOut = z.object({
  plan: z
    .object({
      streetId: z.number(),
      name: z.string(),
      deadline: z.string(),
      phases: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
    })
    .nullable(),
  summary: z.record(z.string(), z.number()),
  estates: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      communityId: z.number().nullable(),
      communityName: z.string().nullable(),
      status: z.enum(GOVERNANCE_STATUSES),
      statusLabel: z.string(),
      reason: z.string().nullable(),
      reasonLabel: z.string().nullable(),
      note: z.string().nullable(),
      needsPmc: z.boolean(),
      committeeTermEnd: z.string().nullable(),
      caseId: z.number().nullable(),
      caseState: z.string().nullable(),
      caseStateLabel: z.string().nullable(),
      step: z.number().nullable(),
      nextStep: z.string().nullable(),
      nextActor: z.string().nullable(),
      nextDue: z.string().nullable(),
      overdue: z.boolean(),
      /** 物管会（运行中） */
      committee: z
        .object({
          id: z.number(),
          establishedOn: z.string(),
          termEnd: z.string().nullable(),
          termExpired: z.boolean(),
          certificateNo: z.string(),
          /** 成立该物管会的组建案件（已完成） */
          caseId: z.number().nullable(),
          /** 成员变更或暂停履职后构成不合规（R22–R25）：未通过的规则与整改期限 */
          nonCompliant: z
            .object({ failures: z.array(z.object({ rule: z.string(), message: z.string() })), deadline: z.string().nullable() })
            .nullable(),
        })
        .nullable(),
      /** R42：距方案期限的天数（负数为已超期），仍需组建的小区才有 */
      daysToDeadline: z.number().nullable(),
      /** openCase（可查看案件）、startCase、setStatus、enterOwnersCommittee */
      actions: z.array(z.string()),
    }),
  ),
  overdue: z.array(
    z.object({ estateId: z.number(), estateName: z.string(), caseId: z.number().nullable(), what: z.string(), due: z.string() }),
  ),
});

const period = z.object({ unit: z.enum(['workdays', 'calendarDays']), days: z.number() });
const share = z.object({ num: z.number(), den: z.number() });
export const ruleProfileOut = z.object({
  id: z.string(),
  name: z.string(),
  size: z.object({ min: z.number(), max: z.number().nullable(), odd: z.boolean() }),
  ownerRepresentatives: share,
  partyMembers: share.nullable(),
  director: z.enum(['communityPartyOrg', 'residentsCommittee', 'streetAppointee']),
  deputyMustBeOwnerRepresentative: z.boolean(),
  announcementPeriod: period,
  memberListPeriod: period,
  objectionVerifyWorkdays: z.number(),
  termYears: z.number().nullable(),
  voteNoticeDays: z.number(),
  votingPeriodDays: z.object({ min: z.number(), max: z.number() }),
  // R10; absent from profiles snapshotted into cases before the setting existed
  spoiledBallots: z.enum(['abstain', 'excluded']).optional(),
});

const personBrief = z.object({
  id: z.number(),
  name: z.string(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  partyStatus: z.string(),
});

export const candidateOut = z.object({
  personId: z.number(),
  name: z.string(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
  ownerRepresentative: z.boolean(),
  partyMember: z.boolean(),
  communityPartyOrgMember: z.boolean(),
  residentsCommitteeRepresentative: z.boolean(),
  streetAppointee: z.boolean(),
  cityManagement: z.boolean(),
  backgrounds: z.array(z.enum(['deputy', 'veteran', 'lawEnforcement'])),
  /** 双向进入、交叉任职：现任职务 */
  posts: z.array(z.string()),
  /** 来源：nomination（已通过把关的推荐）或 registry（社区党组织、居委会、城管等） */
  source: z.enum(['nomination', 'registry']),
});

export const caseOut = z.object({
  id: z.number(),
  estate: z.object({ id: z.number(), name: z.string(), communityName: z.string().nullable(), streetName: z.string().nullable() }),
  state: z.string(),
  stateLabel: z.string(),
  step: z.number(),
  steps: z.array(z.string()),
  /** 案件启动时冻结的规则配置（R22–R25, R27, R29, R30, R33） */
  profile: ruleProfileOut,
  listRound: z.number(),
  next: z.object({ label: z.string(), actor: z.string(), due: z.string().nullable() }).nullable(),
  /** 各步骤当前是否可办理及不可办理的原因 */
  actions: z.array(z.object({ action: z.string(), label: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
  announcement: z
    .object({
      id: z.number(),
      title: z.string(),
      publishDate: z.string().nullable(),
      endDate: z.string().nullable(),
      calendarComplete: z.boolean().nullable(),
      /** 补录：纸质公告张贴后在平台补录 */
      backdated: z.boolean(),
    })
    .nullable(),
  listNotice: z
    .object({
      id: z.number(),
      title: z.string(),
      publishDate: z.string().nullable(),
      endDate: z.string().nullable(),
      calendarComplete: z.boolean().nullable(),
      /** 补录：纸质公告张贴后在平台补录 */
      backdated: z.boolean(),
    })
    .nullable(),
  nominations: z.array(
    z.object({
      id: z.number(),
      person: personBrief,
      channel: z.string(),
      channelLabel: z.string(),
      ownerRepresentative: z.boolean(),
      statement: z.string().nullable(),
      signers: z.array(z.object({ id: z.number(), name: z.string() })),
      distinctSigners: z.number(),
      vetting: z.string(),
      vettingReason: z.string().nullable(),
      vettedAt: z.string().nullable(),
      problems: z.array(z.string()),
    }),
  ),
  list: z.array(z.object({ personId: z.number(), seat: z.string() })),
  pool: z.array(candidateOut),
  directorRule: z.string(),
  objections: z.array(
    z.object({
      id: z.number(),
      objectorName: z.string(),
      content: z.string(),
      channel: z.string(),
      receivedOn: z.string(),
      verifyDue: z.string(),
      status: z.string(),
      finding: z.string().nullable(),
      noticeId: z.number(),
      objectorUnit: z.string().nullable(),
      verifyDueComplete: z.boolean(),
      /** R30：逾期未核查 */
      overdue: z.boolean(),
    }),
  ),
  committee: z
    .object({
      id: z.number(),
      certificateNo: z.string(),
      establishedOn: z.string(),
      termEnd: z.string().nullable(),
      status: z.string(),
      sealAppliedOn: z.string().nullable(),
      sealRecordedOn: z.string().nullable(),
      dissolvedOn: z.string().nullable(),
      dissolutionReason: z.string().nullable(),
      /** R34：资料、印章移交记录 */
      handover: z
        .object({
          documentsOn: z.string().nullable().optional(),
          sealOn: z.string().nullable().optional(),
          note: z.string().nullable().optional(),
        })
        .nullable(),
      members: z.array(z.object({ personId: z.number(), name: z.string(), seat: z.string(), endedOn: z.string().nullable() })),
    })
    .nullable(),
  timeline: z.array(z.object({ at: z.string(), actor: z.string().nullable(), action: z.string(), label: z.string() })),
  today: z.string(),
});
