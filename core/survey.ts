/**
 * 调查摸底 and 分类管理 (issue 18 §1). Pure rules over an estate's survey and governance data:
 * what governance status and R26 reason a survey sets, and which class (分类) an estate falls in,
 * each with the reason a user reads. The classes themselves (label, measures) are the street's
 * data; which rule places an estate in them is fixed here, so every page and dashboard reads the
 * same class from the same rule.
 */
import { GOVERNANCE_REASON_LABEL, GOVERNANCE_STATUS_LABEL, type GovernanceReasonCode, type GovernanceStatusCode } from './formation.js';

// ── the survey form ─────────────────────────────────────────────────────────────────────────────

/** The estate's owners' committee as the community found it. */
export const COMMITTEE_STATES = ['none', 'running', 'expired', 'paralysed'] as const;
export type CommitteeState = (typeof COMMITTEE_STATES)[number];
export const COMMITTEE_STATE_LABEL: Record<CommitteeState, string> = {
  none: '未成立业委会',
  running: '业委会正常运行',
  expired: '业委会届满未换届',
  paralysed: '业委会无法正常履职',
};

/** The property company's party building, as confirmed in the survey (R39). */
export const COMPANY_PARTY_STATES = ['established', 'instructor', 'none', 'noCompany'] as const;
export type CompanyPartyState = (typeof COMPANY_PARTY_STATES)[number];
export const COMPANY_PARTY_LABEL: Record<CompanyPartyState, string> = {
  established: '已建立党组织',
  instructor: '已选派党建指导员',
  none: '无党组织、无党建指导员',
  noCompany: '无物业企业',
};

/** Main problems found; `serious` ones alone make a 问题小区. */
export const SURVEY_PROBLEMS = {
  noProperty: { label: '无物业服务（失管弃管）', serious: true },
  conflicts: { label: '矛盾突出、信访集中', serious: true },
  serviceDispute: { label: '物业服务纠纷', serious: false },
  feeArrears: { label: '物业费收缴率低', serious: false },
  publicIncome: { label: '公共收益不公开', serious: false },
  facilities: { label: '设施设备老化', serious: false },
  illegalBuilding: { label: '违建、占用公共部位', serious: false },
} as const;
export type SurveyProblem = keyof typeof SURVEY_PROBLEMS;
export const SURVEY_PROBLEM_CODES = Object.keys(SURVEY_PROBLEMS) as SurveyProblem[];
/** This many problems, serious or not, make a 问题小区 too. */
export const PROBLEM_COUNT_THRESHOLD = 3;

export interface SurveyAnswers {
  ownersCommittee: CommitteeState;
  /** seats the committee should have, and members it has (completeness) */
  committeeSeats: number | null;
  committeeMembers: number | null;
  committeeTermStart: string | null;
  committeeTermEnd: string | null;
  /** an owners' assembly has been held (业主大会已成立) */
  assemblyHeld: boolean;
  /** the estate meets the conditions to hold one (交付过半等) */
  assemblyConditions: boolean;
  /** R26: the difficulty when conditions are met but an assembly is truly difficult */
  assemblyDifficulty: string | null;
  /** one owner (公租房等): no PMC needed */
  singleOwner: boolean;
  companyName: string | null;
  companyParty: CompanyPartyState;
  gridWorkers: string[];
  problems: SurveyProblem[];
  problemNote: string | null;
}

/** Members fewer than seats: the committee is incomplete (null when the survey did not say). */
export function committeeComplete(a: Pick<SurveyAnswers, 'committeeSeats' | 'committeeMembers'>): boolean | null {
  if (a.committeeSeats === null || a.committeeMembers === null) return null;
  return a.committeeMembers >= a.committeeSeats;
}

/** What is wrong with a survey before it may set anything (Chinese, with the field). */
export function surveyProblems(a: SurveyAnswers): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const hasCommittee = a.ownersCommittee !== 'none';
  if (hasCommittee && !a.assemblyHeld)
    out.push({ field: 'assemblyHeld', message: '已有业委会的小区应已成立业主大会，请核对“业主大会已成立”' });
  if (hasCommittee && (a.committeeSeats === null || a.committeeMembers === null))
    out.push({ field: 'committeeMembers', message: '请填写业委会应有和实有委员人数（成员是否齐全）' });
  if (!hasCommittee && (a.committeeSeats !== null || a.committeeMembers !== null))
    out.push({ field: 'committeeMembers', message: '未成立业委会的小区不填委员人数' });
  if (a.committeeTermStart && a.committeeTermEnd && a.committeeTermEnd < a.committeeTermStart)
    out.push({ field: 'committeeTermEnd', message: '任期结束日期不能早于开始日期' });
  // R26: a PMC is for an estate that cannot hold an assembly, or can but with true difficulty.
  if (!a.singleOwner && !hasCommittee && !a.assemblyHeld && a.assemblyConditions && !a.assemblyDifficulty)
    out.push({
      field: 'assemblyDifficulty',
      message: '具备成立业主大会条件的小区，请写明确有困难的情况（R26）；没有困难的应指导成立业主大会',
    });
  if (a.companyParty === 'noCompany' && a.companyName)
    out.push({ field: 'companyParty', message: '已填写物业企业，党组织情况不能选“无物业企业”' });
  if (new Set(a.problems).size !== a.problems.length) out.push({ field: 'problems', message: '主要问题有重复' });
  return out;
}

export interface SurveyOutcome {
  status: GovernanceStatusCode;
  reason: GovernanceReasonCode | null;
  /** why, in words */
  explanation: string;
}

/** R26: the governance status and reason a (valid) survey sets. */
export function governanceFromSurvey(a: SurveyAnswers): SurveyOutcome {
  if (a.singleOwner) return { status: 'notNeeded', reason: null, explanation: '单一业主，不需组建物管会' };
  if (a.ownersCommittee === 'running') return { status: 'ownersCommittee', reason: null, explanation: '已成立业主大会，业委会正常运行' };
  if (a.ownersCommittee !== 'none')
    return {
      status: 'committeeExpired',
      reason: 'noCommitteeElected',
      explanation: `${COMMITTEE_STATE_LABEL[a.ownersCommittee]}（R26：${GOVERNANCE_REASON_LABEL.noCommitteeElected}）`,
    };
  const reason: GovernanceReasonCode = a.assemblyHeld
    ? 'noCommitteeElected'
    : a.assemblyConditions
      ? 'trulyDifficult'
      : 'assemblyNotPossible';
  return { status: 'pending', reason, explanation: `待组建物管会（R26：${GOVERNANCE_REASON_LABEL[reason]}）` };
}

// ── classification ──────────────────────────────────────────────────────────────────────────────

/** The rules that place an estate in a class, in the order they are tried. */
export const CLASS_RULES = ['problem', 'ownersCommittee', 'pmc', 'toForm', 'notNeeded'] as const;
export type ClassRule = (typeof CLASS_RULES)[number];
export const CLASS_RULE_LABEL: Record<ClassRule, string> = {
  problem: '调查摸底发现突出问题，或业委会不齐全、无法履职',
  ownersCommittee: '已成立业委会',
  pmc: '物管会运行中',
  toForm: '待组建或组建中（含业委会届满/缺位）',
  notNeeded: '不需组建',
};

export interface EstateClassDef {
  code: string;
  label: string;
  measures: string;
  /** the rule that places estates here; null: a class reached only by a street's override */
  rule: ClassRule | null;
}

/** The classes a street starts with (分类施策); the street edits labels and measures and may add more. */
export const DEFAULT_CLASSES: EstateClassDef[] = [
  {
    code: 'standard',
    label: '业委会规范运行',
    rule: 'ownersCommittee',
    measures: '指导业委会依法规范运行，落实“十公开”和年度述职评议，推动业委会成员中党员比例提升。',
  },
  {
    code: 'pmc',
    label: '物管会运行',
    rule: 'pmc',
    measures: '物管会按月召开会议、落实“四位一体”协调，条件成熟时组织业主大会选举业委会。',
  },
  {
    code: 'toForm',
    label: '待组建',
    rule: 'toForm',
    measures: '按实施方案期限组建物管会：社区党组织牵头推荐人选，街道把关，按期公示。',
  },
  {
    code: 'problem',
    label: '问题小区',
    rule: 'problem',
    measures: '列入街道物业管理联席会议议题，明确责任单位和整改期限，社区每月跟踪。',
  },
  { code: 'notNeeded', label: '不需组建', rule: 'notNeeded', measures: '单一业主小区，由产权单位履行管理责任，社区做好日常服务。' },
];

/** What the rules read of an estate: its governance status and its latest survey (if any). */
export interface ClassFacts {
  status: GovernanceStatusCode;
  reason: GovernanceReasonCode | null;
  survey: Pick<SurveyAnswers, 'ownersCommittee' | 'committeeSeats' | 'committeeMembers' | 'problems'> | null;
}

/** The rule an estate's data satisfies first, and why, in words. */
export function classRuleOf(f: ClassFacts): { rule: ClassRule; reason: string } {
  const pre = f.survey ? '' : '尚未调查摸底；';
  if (f.survey) {
    const why: string[] = [];
    const serious = f.survey.problems.filter((p) => SURVEY_PROBLEMS[p].serious);
    if (serious.length > 0) why.push(serious.map((p) => SURVEY_PROBLEMS[p].label).join('、'));
    else if (f.survey.problems.length >= PROBLEM_COUNT_THRESHOLD)
      why.push(`主要问题 ${f.survey.problems.length} 项（${f.survey.problems.map((p) => SURVEY_PROBLEMS[p].label).join('、')}）`);
    if (f.survey.ownersCommittee === 'paralysed') why.push(COMMITTEE_STATE_LABEL.paralysed);
    if (f.status === 'ownersCommittee' && committeeComplete(f.survey) === false)
      why.push(`业委会成员不齐全（实有 ${f.survey.committeeMembers} 人，应有 ${f.survey.committeeSeats} 人）`);
    if (why.length > 0) return { rule: 'problem', reason: `调查摸底：${why.join('；')}` };
  }
  switch (f.status) {
    case 'ownersCommittee':
      return { rule: 'ownersCommittee', reason: `${pre}${GOVERNANCE_STATUS_LABEL.ownersCommittee}${f.survey ? '，成员齐全' : ''}` };
    case 'pmcRunning':
      return { rule: 'pmc', reason: `${pre}${GOVERNANCE_STATUS_LABEL.pmcRunning}` };
    case 'notNeeded':
      return { rule: 'notNeeded', reason: `${pre}${GOVERNANCE_STATUS_LABEL.notNeeded}` };
    default:
      return {
        rule: 'toForm',
        reason: `${pre}${GOVERNANCE_STATUS_LABEL[f.status]}${f.reason ? `（R26：${GOVERNANCE_REASON_LABEL[f.reason]}）` : ''}`,
      };
  }
}

export interface EstateClass {
  classCode: string;
  classLabel: string;
  reason: string;
  overridden: boolean;
}

/**
 * The class of an estate among a street's classes: the street's override when there is one (with
 * its reason), otherwise the class holding the first rule the estate's data satisfies.
 */
export function classify(
  classes: readonly EstateClassDef[],
  facts: ClassFacts,
  override: { classCode: string; reason: string } | null,
): EstateClass {
  if (override) {
    const c = classes.find((k) => k.code === override.classCode);
    if (c) return { classCode: c.code, classLabel: c.label, reason: `街道调整：${override.reason}`, overridden: true };
  }
  const { rule, reason } = classRuleOf(facts);
  const c = classes.find((k) => k.rule === rule) ?? DEFAULT_CLASSES.find((k) => k.rule === rule)!;
  return { classCode: c.code, classLabel: c.label, reason, overridden: false };
}

/** What is wrong with a street's list of classes: every rule held by exactly one class, codes unique. */
export function classListProblems(classes: readonly EstateClassDef[]): string[] {
  const out: string[] = [];
  const codes = new Set<string>();
  for (const c of classes) {
    if (codes.has(c.code)) out.push(`分类代码“${c.code}”重复`);
    codes.add(c.code);
  }
  for (const r of CLASS_RULES) {
    const n = classes.filter((c) => c.rule === r).length;
    if (n === 0) out.push(`没有分类对应规则“${CLASS_RULE_LABEL[r]}”，每条规则须有一个分类`);
    if (n > 1) out.push(`规则“${CLASS_RULE_LABEL[r]}”对应了 ${n} 个分类，只能对应一个`);
  }
  return out;
}
