import { z } from 'zod';
import { COMMITTEE_STATES, COMPANY_PARTY_STATES, CLASS_RULES, SURVEY_PROBLEM_CODES } from '../../core/survey.js';
import { dateInput, nameInput, optionalText } from '../http/schemas.js';

const count = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(50, { error: `${label}不能超过 50` })
    .nullish()
    .transform((v) => v ?? null);
const flag = (label: string) => z.boolean({ error: `${label}必须选择是或否` });

export const surveyBody = z.strictObject({
  /** 业委会情况：未成立 none、正常运行 running、届满未换届 expired、无法正常履职 paralysed */
  ownersCommittee: z.enum(COMMITTEE_STATES, { error: '请选择业委会情况' }),
  /** 业委会应有委员人数 */
  committeeSeats: count('应有委员人数'),
  /** 业委会实有委员人数（少于应有即不齐全） */
  committeeMembers: count('实有委员人数'),
  /** 业委会任期开始 */
  committeeTermStart: dateInput.nullish().transform((v) => v ?? null),
  /** 业委会任期结束 */
  committeeTermEnd: dateInput.nullish().transform((v) => v ?? null),
  /** 已成立业主大会 */
  assemblyHeld: flag('业主大会是否已成立'),
  /** 具备成立业主大会的条件 */
  assemblyConditions: flag('是否具备成立业主大会条件'),
  /** R26：具备条件但确有困难的情况 */
  assemblyDifficulty: optionalText('确有困难的情况', 500).transform((v) => v || null),
  /** 单一业主（公租房等），不需组建 */
  singleOwner: flag('是否单一业主'),
  /** 物业企业（取自服务合同，核对） */
  companyName: optionalText('物业企业名称', 100).transform((v) => v || null),
  /** 物业企业党组织情况（R39） */
  companyParty: z.enum(COMPANY_PARTY_STATES, { error: '请选择物业企业党组织情况' }),
  /** 网格员（取自人员与职务，核对） */
  gridWorkers: z.array(nameInput('网格员姓名', 30), { error: '网格员必须是列表' }).max(20, { error: '网格员不能超过 20 人' }),
  /** 主要问题 */
  problems: z.array(z.enum(SURVEY_PROBLEM_CODES, { error: '主要问题不正确' }), { error: '主要问题必须是列表' }).max(10),
  /** 问题说明 */
  problemNote: optionalText('问题说明', 1000).transform((v) => v || null),
});

export const classesBody = z.strictObject({
  classes: z
    .array(
      z.strictObject({
        /** 分类代码（英文字母开头） */
        code: z
          .string({ error: '分类代码必须是文字' })
          .regex(/^[A-Za-z][A-Za-z0-9_]{0,29}$/, { error: '分类代码须以英文字母开头，只含字母、数字和下划线，不超过 30 位' }),
        /** 分类名称 */
        label: nameInput('分类名称', 30),
        /** 分类施策：措施 */
        measures: z.string({ error: '措施必须是文字' }).trim().max(2000, { error: '措施不能超过 2000 字' }),
        /** 按规则归入本类（null：只能由街道调整归入） */
        rule: z.enum(CLASS_RULES, { error: '规则不正确' }).nullable(),
      }),
      { error: '分类必须是列表' },
    )
    .min(1, { error: '至少要有一个分类' })
    .max(20, { error: '分类不能超过 20 个' }),
});

export const overrideBody = z.strictObject({
  /** 调整到的分类代码 */
  classCode: z.string({ error: '请选择分类' }).min(1, { error: '请选择分类' }).max(30),
  /** 调整理由 */
  reason: nameInput('调整理由', 500),
});

export const pilotBody = z.strictObject({
  /** 确定为试点的理由 */
  reason: nameInput('试点理由', 500),
});

export const classificationQuery = z.strictObject({
  /** 街道、社区或区（默认：我的全部范围） */
  nodeId: z.coerce.number().int().positive().optional(),
});
