import type { Choice } from '../../../core/tally';

/** Types of the owner's API answers (server/owner-home, server/decisions/queries.ts myDecisions). */
export interface HomeVote {
  id: number;
  title: string;
  estateName: string;
  state: 'announced' | 'voting' | 'closed' | 'published';
  stateLabel: string;
  opensOn: string | null;
  closesOn: string | null;
  daysLeft: number | null;
  canVote: boolean;
  voted: boolean;
}

export interface HomeItem {
  id: string;
  title: string;
  detail?: string | null;
  waiting?: boolean;
  link?: string | null;
}

export interface OwnerHomeData {
  bound: boolean;
  displayName: string;
  units: { id: number; estateId: number; estateName: string; label: string; area: string }[];
  estates: { id: number; name: string }[];
  votes: HomeVote[];
  sections: { key: string; title: string; action: { label: string; link: string } | null; items: HomeItem[] }[];
  notices: { id: number; title: string; publishDate: string | null; endDate: string | null; node: string; estateId: number }[];
  unread: number;
}

export interface OwnerMotion {
  code: string;
  title: string;
  body: string | null;
  itemLabel: string;
  threshold: string;
  kind: 'choice' | 'election';
  seats: number | null;
  candidates: { code: string; name: string }[] | null;
}

export interface OwnBallot {
  code: string;
  castAt: string;
  channel: 'online' | 'paper';
  proxy: boolean;
  byMe: boolean;
  answers: {
    motion: string;
    title: string;
    choice: Choice | 'spoiled' | null;
    candidates: string[] | null;
    status: string;
    statusLabel: string;
  }[];
}

export interface MotionOutcome {
  code: string;
  title: string;
  outcome: 'passed' | 'rejected' | 'no_quorum' | null;
  result: { NP: number; AP: string; NY: number; AY: string; NT: number; AT: string } | null;
  election: { elected: string[]; candidates: { code: string; name: string; elected: boolean }[] } | null;
}

export interface OwnerDecision extends HomeVote {
  estateId: number;
  organiser: string;
  motions: OwnerMotion[];
  units: { room: string; area: string }[];
  whyNot: string | null;
  ballots: OwnBallot[];
  secretBallot: boolean;
  result: { sha256: string; motions: MotionOutcome[] } | null;
}

export const CHOICE_TEXT: Record<Choice | 'spoiled', string> = { yes: '同意', no: '反对', abstain: '弃权', spoiled: '废票' };
export const OUTCOME_TEXT = { passed: '通过', rejected: '未通过', no_quorum: '未达到参与表决门槛' } as const;

/** A receipt code as it is shown: groups of four ("ABCD-EFGH-JKMN"), easier to read out and type. */
export const groupedCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/** "2026年12月5日 14:03" in China's time. */
export function whenText(iso: string): string {
  const d = new Date(iso);
  const p = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return p.format(d);
}

export const daysLeftText = (n: number | null) => (n === null ? '' : n === 0 ? '今天截止' : `还剩 ${n} 天`);
