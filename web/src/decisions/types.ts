import { PAPER_CHOICE_LABEL, type PaperChoice } from '../../../core/decisions';
import { SPOILED_RULE_LABEL } from '../../../core/rule-profile';
export type Choice = 'yes' | 'no' | 'abstain';

export interface Motion {
  code: string;
  title: string;
  body: string | null;
  item: number;
  itemLabel: string;
  threshold: string;
  kind: 'choice' | 'election';
  seats: number | null;
  candidates: { code: string; name: string }[] | null;
}

export interface MotionResult {
  motion: string;
  outcome: 'passed' | 'rejected' | 'no_quorum';
  NT: number;
  AT: string;
  NP: number;
  AP: string;
  NY: number;
  AY: string;
  failed: string[];
}

export interface Result {
  totals: { heads: number; area: string };
  sha256: string;
  dependsOnFollowMajority: boolean;
  motions: {
    code: string;
    title: string;
    item: number;
    kind: 'choice' | 'election';
    outcome: MotionResult['outcome'] | null;
    result: MotionResult | null;
    counts: { no: number; abstain: number } | null;
    /** R10: spoiled paper ballots on this motion */
    spoiled: number;
    followMajority: { outcome: MotionResult['outcome']; dependsOnIt: boolean } | null;
    election: {
      seats: number;
      elected: string[];
      unfilled: number;
      tiedAtCut: string[];
      quorum: boolean;
      candidates: { code: string; name: string; NY: number; AY: string; qualified: boolean; elected: boolean }[];
    } | null;
  }[];
}

export interface DecisionSummary {
  id: number;
  estateId: number;
  estateName: string;
  title: string;
  organiser: string;
  state: 'draft' | 'announced' | 'voting' | 'closed' | 'published' | 'cancelled';
  stateLabel: string;
  announcedOn: string | null;
  opensOn: string | null;
  closesOn: string | null;
  closedOn: string | null;
  publishedOn: string | null;
}

export interface DecisionDetail extends DecisionSummary {
  today: string;
  buildings: { id: number; name: string }[] | null;
  rules: {
    profileName: string;
    voteNoticeDays: number;
    votingPeriodDays: { min: number; max: number };
    prevailing: 'online' | 'paper';
    followMajority: boolean;
    secretBallot?: boolean;
    countParking: boolean;
    spoiled: 'abstain' | 'excluded';
  };
  earliestOpening: string;
  periodDays: number | null;
  publishDeadline: string | null;
  announceNoticeId: number | null;
  resultNoticeId: number | null;
  totals: { heads: number; area: string } | null;
  motions: Motion[];
  timeline: { key: string; label: string; date: string | null; done: boolean }[];
  turnout: {
    heads: number;
    area: string;
    totalHeads: number;
    totalArea: string;
    percent: { heads: number; area: number };
    online: number;
    paper: number;
  } | null;
  mismatches: number;
  paperEntries: {
    id: number;
    unitId: number;
    room: string;
    answers: Record<string, PaperChoice | string[]>;
    kind: 'first' | 'second' | 'review';
    outcome: 'entered' | 'matched' | 'mismatch' | 'resolved';
    proxyHolder: string | null;
    scanFileId: number | null;
    enteredBy: string;
    enteredAt: string;
  }[];
  refusals: { id: number; action: string; reason: string; at: string; by: string | null }[];
  result: Result | null;
  tallySha256: string | null;
  actions: string[];
}

export interface MyDecision extends DecisionSummary {
  motions: Motion[];
  units: { room: string; area: string }[];
  canVote: boolean;
  voted: boolean;
  whyNot: string | null;
  receipts: { code: string; castAt: string }[];
  result: Result | null;
}

export const CHOICE_LABEL: Record<Choice, string> = { yes: '同意', no: '反对', abstain: '弃权' };
// Paper ballots may also be 废票 (R10): the labels are core's, as the server words them.
export { PAPER_CHOICE_LABEL, SPOILED_RULE_LABEL, type PaperChoice };
export const OUTCOME_LABEL = { passed: '通过', rejected: '未通过', no_quorum: '未达到参与表决门槛' } as const;
export const OUTCOME_COLOR = { passed: 'green', rejected: 'red', no_quorum: 'orange' } as const;
export const STATE_COLOR: Record<DecisionSummary['state'], string> = {
  draft: 'default',
  announced: 'blue',
  voting: 'processing',
  closed: 'orange',
  published: 'green',
  cancelled: 'default',
};

export { fileToUpload } from '../shared/upload';
