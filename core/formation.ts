/**
 * The 物业管理委员会 formation case (seed 三(一)3, 三(二)4–5; R26–R31, R33, R34) as a state machine
 * held as data: each step says who acts, which permission it needs, from which states, and the
 * guard that must hold. The server runs the guards inside the step's transaction; the web shows
 * the same table (where the case is, what comes next, who must act).
 */

import { formatDateZh } from './dates.js';

export const CASE_STATES = ['started', 'nominating', 'vetting', 'listing', 'publicizing', 'established', 'cancelled'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABEL: Record<CaseState, string> = {
  started: '已启动，待发布组建公告',
  nominating: '公告期内，接受报名推荐',
  vetting: '候选人把关',
  listing: '确定委员名单',
  publicizing: '名单公示中',
  established: '已成立',
  cancelled: '已终止',
};

/** The nine steps of the issue, for the progress bar: where each state sits. */
export const CASE_STEPS = ['启动', '组建公告', '报名推荐', '把关', '确定名单', '名单公示', '异议核查', '成立', '印章'] as const;
export function stepIndex(state: CaseState, sealRecorded: boolean): number {
  switch (state) {
    case 'started':
      return 1;
    case 'nominating':
      return 2;
    case 'vetting':
      return 3;
    case 'listing':
      return 4;
    case 'publicizing':
      return 5;
    case 'established':
      return sealRecorded ? 9 : 8;
    case 'cancelled':
      return 0;
  }
}

export type CaseAction =
  | 'announce'
  | 'nominate'
  | 'closeNominations'
  | 'vet'
  | 'openList'
  | 'saveList'
  | 'approveList'
  | 'reviseList'
  | 'establish'
  | 'applySeal'
  | 'recordSeal'
  | 'cancel';

export interface CaseFacts {
  state: CaseState;
  today: string;
  /** End of the announcement's publicity (R27), once posted. */
  announcementEnd: string | null;
  /** End of the member list's publicity (R29), once posted. */
  listEnd: string | null;
  nominations: { total: number; pending: number; passed: number };
  /** Objections filed against the current member-list notice (R30). */
  objections: { open: number; upheld: number; upheldSinceRound: number };
  certificateIssued: boolean;
  sealApplied: boolean;
}

export interface ActionRule {
  label: string;
  /** Who acts (shown as "待…办理"). */
  actor: string;
  permission: 'formation.run' | 'formation.vet' | 'formation.approve';
  from: readonly CaseState[];
  to: CaseState | null;
  /** null when the action may go ahead; otherwise the Chinese reason citing the rule. */
  guard?: (f: CaseFacts) => string | null;
}

const dayAfter = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};

export const CASE_ACTIONS: Record<CaseAction, ActionRule> = {
  announce: { label: '发布组建公告', actor: '社区', permission: 'formation.run', from: ['started'], to: 'nominating' },
  nominate: { label: '登记报名推荐', actor: '社区', permission: 'formation.run', from: ['nominating'], to: null },
  closeNominations: {
    label: '截止报名，进入把关',
    actor: '社区',
    permission: 'formation.run',
    from: ['nominating'],
    to: 'vetting',
    guard: (f) =>
      f.announcementEnd && f.today <= f.announcementEnd
        ? `组建公告公示期至${formatDateZh(f.announcementEnd)}届满（R27），最早可于${formatDateZh(dayAfter(f.announcementEnd))}截止报名`
        : f.nominations.total === 0
          ? '尚无任何报名或推荐，不能截止报名'
          : null,
  },
  vet: { label: '候选人把关', actor: '街道、社区党组织', permission: 'formation.vet', from: ['vetting', 'listing'], to: null },
  openList: {
    label: '把关完成，确定名单',
    actor: '街道办事处、居委会',
    permission: 'formation.run',
    from: ['vetting'],
    to: 'listing',
    guard: (f) => (f.nominations.pending > 0 ? `还有${f.nominations.pending}名候选人未完成把关（R28），请党组织先完成把关` : null),
  },
  saveList: { label: '编辑委员名单', actor: '街道办事处、居委会', permission: 'formation.run', from: ['listing'], to: null },
  approveList: {
    label: '确定名单并公示',
    actor: '街道办事处',
    permission: 'formation.approve',
    from: ['listing'],
    to: 'publicizing',
  },
  reviseList: {
    label: '异议成立，调整名单',
    actor: '街道办事处',
    permission: 'formation.approve',
    from: ['publicizing'],
    to: 'listing',
    guard: (f) => (f.objections.upheld === 0 ? '本轮名单没有成立的异议，无需调整名单' : null),
  },
  establish: {
    label: '核发成立证明',
    actor: '街道办事处',
    permission: 'formation.approve',
    from: ['publicizing'],
    to: 'established',
    guard: (f) => {
      if (f.listEnd && f.today <= f.listEnd)
        return `名单公示期至${formatDateZh(f.listEnd)}届满（R29），最早可于${formatDateZh(dayAfter(f.listEnd))}核发成立证明`;
      if (f.objections.open > 0) return `还有${f.objections.open}件异议未核查完毕（R30），全部核查后方可核发成立证明`;
      if (f.objections.upheld > 0) return '有异议经核查成立，请先调整名单并重新公示（R30）';
      return null;
    },
  },
  applySeal: {
    label: '登记印章申请',
    actor: '物管会、街道办事处',
    permission: 'formation.run',
    from: ['established'],
    to: null,
    guard: (f) => (f.sealApplied ? '印章申请已登记' : null),
  },
  recordSeal: {
    label: '登记印章备案',
    actor: '街道办事处',
    permission: 'formation.run',
    from: ['established'],
    to: null,
    guard: (f) => (f.sealApplied ? null : '请先登记印章申请（R31：凭成立证明申请刻制印章）'),
  },
  cancel: {
    label: '终止组建',
    actor: '街道办事处',
    permission: 'formation.approve',
    from: ['started', 'nominating', 'vetting', 'listing', 'publicizing'],
    to: 'cancelled',
  },
};

/** Why an action may not run now (wrong step, or its guard); null when it may. */
export function refusal(action: CaseAction, f: CaseFacts): string | null {
  const rule = CASE_ACTIONS[action];
  if (!rule.from.includes(f.state)) {
    if (action === 'applySeal' || action === 'recordSeal')
      return '尚未核发成立证明，不能办理印章（R31：凭街道办事处出具的成立证明申请刻制印章）';
    if (action === 'establish' && !['established', 'cancelled'].includes(f.state))
      return `案件当前处于“${CASE_STATE_LABEL[f.state]}”阶段，须先完成名单公示（R29）和异议核查（R30）方可核发成立证明`;
    return `案件当前处于“${CASE_STATE_LABEL[f.state]}”阶段，不能${rule.label}`;
  }
  return rule.guard?.(f) ?? null;
}

/** The next step of the case and its deadline, for the case page and the overdue lists. */
export function nextStep(f: CaseFacts): { label: string; actor: string; due: string | null; overdueNote?: string } | null {
  switch (f.state) {
    case 'started':
      return { label: '发布组建公告（R27）', actor: '社区', due: null };
    case 'nominating':
      return { label: '公告期满后截止报名', actor: '社区', due: f.announcementEnd };
    case 'vetting':
      return { label: `候选人把关（待把关${f.nominations.pending}人）`, actor: '街道、社区党组织', due: null };
    case 'listing':
      return { label: '确定委员名单并公示（R29）', actor: '街道办事处、居委会', due: null };
    case 'publicizing':
      if (f.objections.open > 0) return { label: `核查书面异议（${f.objections.open}件，R30）`, actor: '街道办事处', due: null };
      if (f.objections.upheld > 0) return { label: '异议成立，调整名单后重新公示', actor: '街道办事处', due: null };
      return { label: '公示期满后核发成立证明', actor: '街道办事处', due: f.listEnd };
    case 'established':
      return f.sealApplied ? null : { label: '凭成立证明申请印章（R31）', actor: '物管会、街道办事处', due: null };
    case 'cancelled':
      return null;
  }
}

export const NOMINATION_CHANNELS = ['self', 'partyOrg', 'residentsCommittee', 'jointOwners'] as const;
export type NominationChannel = (typeof NOMINATION_CHANNELS)[number];
export const NOMINATION_CHANNEL_LABEL: Record<NominationChannel, string> = {
  self: '本人自荐',
  partyOrg: '社区党组织推荐',
  residentsCommittee: '居民委员会推荐',
  jointOwners: '十名以上业主联名推荐',
};

/** R28: a joint nomination needs at least this many distinct owners of the estate. */
export const JOINT_NOMINATION_MIN_OWNERS = 10;

/**
 * R28 + R3: how many distinct owners signed. Each signer maps to the head keys of the units they
 * currently own in the estate (see core/registry.ts headKey: a head is a buyer — a sole owner, or
 * the co-owners of a unit together). An owner is a head, and a head counts once however many of its
 * co-owners sign; a person is one signature however many heads they belong to. So the count is the
 * largest number of heads that can each be given a different signer (a maximum matching of signers
 * to their heads): co-owners of one unit count once; a person who owns one unit alone and co-owns
 * another, signing with that co-owner, counts as two buyers. Signers owning nothing in the estate
 * and second signatures of one person are listed.
 */
export function countSigners(signers: { personId: number; headKeys: readonly string[] }[]): {
  distinct: number;
  notOwners: number[];
  duplicates: number[];
} {
  const seen = new Set<number>();
  const duplicates: number[] = [];
  const notOwners: number[] = [];
  const owners: (typeof signers)[number][] = [];
  for (const s of signers) {
    if (seen.has(s.personId)) duplicates.push(s.personId);
    else if (s.headKeys.length === 0) notOwners.push(s.personId);
    else owners.push(s);
    seen.add(s.personId);
  }
  // Kuhn's augmenting paths: a nomination has tens of signers, each of a few heads.
  const signerOf = new Map<string, number>();
  const place = (i: number, visited: Set<string>): boolean => {
    for (const k of owners[i]!.headKeys) {
      if (visited.has(k)) continue;
      visited.add(k);
      const holder = signerOf.get(k);
      if (holder === undefined || place(holder, visited)) {
        signerOf.set(k, i);
        return true;
      }
    }
    return false;
  };
  let distinct = 0;
  for (let i = 0; i < owners.length; i++) if (place(i, new Set())) distinct++;
  return { distinct, notOwners, duplicates };
}

/** Eligibility flags shown during vetting (R28, R37, R35). */
export interface EligibilityFacts {
  ownsInEstate: boolean;
  /** R37: any unit of theirs in the estate in arrears of property fees. */
  arrears: { unit: string; since: string | null }[];
  negativeNote: string | null;
  /** Current posts at the company serving the estate (an interest in the property company). */
  companyPosts: string[];
}

export function eligibilityProblems(e: EligibilityFacts, ownerRepresentative: boolean): string[] {
  const out: string[] = [];
  if (ownerRepresentative && !e.ownsInEstate) out.push('不是本小区的现业主，不能作为业主代表（R28）');
  for (const a of e.arrears) out.push(`${a.unit}欠缴物业费${a.since ? `（自${formatDateZh(a.since)}起）` : ''}（R37）`);
  if (e.negativeNote) out.push(`负面清单记录：${e.negativeNote}（R35）`);
  for (const p of e.companyPosts) out.push(`在本小区物业服务企业任职：${p}，存在利害关系`);
  return out;
}

// ── Governance status of an estate (issue 5) ─────────────────────────────────────────────────

export const GOVERNANCE_STATUSES = ['ownersCommittee', 'committeeExpired', 'formingPmc', 'pmcRunning', 'pending', 'notNeeded'] as const;
export type GovernanceStatusCode = (typeof GOVERNANCE_STATUSES)[number];
export const GOVERNANCE_STATUS_LABEL: Record<GovernanceStatusCode, string> = {
  ownersCommittee: '已成立业主大会/业委会',
  committeeExpired: '业委会届满/缺位',
  formingPmc: '物管会组建中',
  pmcRunning: '物管会运行中',
  pending: '待组建',
  notNeeded: '不需组建',
};

/** R26: why an estate needs a PMC. */
export const GOVERNANCE_REASONS = ['assemblyNotPossible', 'trulyDifficult', 'noCommitteeElected'] as const;
export type GovernanceReasonCode = (typeof GOVERNANCE_REASONS)[number];
export const GOVERNANCE_REASON_LABEL: Record<GovernanceReasonCode, string> = {
  assemblyNotPossible: '不具备成立业主大会条件',
  trulyDifficult: '具备条件但确有困难',
  noCommitteeElected: '已成立业主大会但未选出业委会',
};

/** Statuses set by the street directly; the others follow from cases and committees. */
export const MANUAL_GOVERNANCE_STATUSES: readonly GovernanceStatusCode[] = ['ownersCommittee', 'committeeExpired', 'pending', 'notNeeded'];

/** Whether the estate still needs a PMC under the plan (R26, R42). */
export function needsPmc(status: GovernanceStatusCode): boolean {
  return status === 'pending' || status === 'committeeExpired' || status === 'formingPmc';
}

/** R33: a committee whose term ended without an owners' committee must be re-formed. */
export function termExpired(termEnd: string | null, today: string): boolean {
  return termEnd !== null && termEnd < today;
}
