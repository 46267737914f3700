/**
 * Rule profiles (规则配置): the numbers the law leaves to each place (rules.md R14, R17, R22–R25,
 * R27, R29, R30, R33). The seed's values are the default profile; Beijing and Hangzhou are ready
 * alternatives. A case snapshots the profile it runs under, so changing a street's profile never
 * changes a past case.
 */

import { YANTAI_CREDIT_SETTINGS, type CreditSettings } from './credit.js';
import { DEFAULT_DISCLOSURE_SETTINGS, type DisclosureSettings } from './disclosures.js';
import type { CommitteeSettings } from './committee.js';

export type PeriodSpec = { unit: 'workdays' | 'calendarDays'; days: number };
/** `count · den ≥ members · num`: e.g. { num: 1, den: 2 } is "不少于二分之一". */
export type Share = { num: number; den: number };
export type DirectorRule = 'communityPartyOrg' | 'residentsCommittee' | 'streetAppointee';

export interface RuleProfile {
  id: string;
  name: string;
  /** R22 */
  size: { min: number; max: number | null; odd: boolean };
  /** R23 */
  ownerRepresentatives: Share;
  /** R24; null where the place sets no share */
  partyMembers: Share | null;
  /** R25 */
  director: DirectorRule;
  /** R25 (Beijing): the deputy director must be an owner representative */
  deputyMustBeOwnerRepresentative: boolean;
  /** R27 */
  announcementPeriod: PeriodSpec;
  /** R29 */
  memberListPeriod: PeriodSpec;
  /** R30 */
  objectionVerifyWorkdays: number;
  /** R33; null = no term */
  termYears: number | null;
  /** R14 */
  voteNoticeDays: number;
  /** R17 */
  votingPeriodDays: { min: number; max: number };
  /** R10: how a spoiled paper ballot (废票) counts; each decision may state its own */
  spoiledBallots: SpoiledRule;
  /**
   * Issue 13: how many days after its posting day a notice already posted on paper may still be
   * recorded here with that posting day (补录, with a reason and a photo). A legal period runs from
   * the day the public could see the notice; no law sets this, so it is a setting.
   */
  backdateDays: number;
  /**
   * Issue 15 (R38): how often each of the ten public items is renewed, when its party is reminded,
   * and within how many working days an owner's question is answered.
   */
  disclosure: DisclosureSettings;
  /** Issue 15 (R39): weights and grade bands of a property company's credit inputs. */
  credit: CreditSettings;
  /** Issue 14 (R32, R35): the committee's meeting and suspension settings; absent = the defaults */
  committee?: Partial<CommitteeSettings>;
}

/**
 * R10 leaves spoiled ballots to local rules: 'abstain' — the owner returned a ballot, so took part,
 * and it is never a yes (as an abstention); 'excluded' — the ballot is void, the owner did not take part.
 */
export type SpoiledRule = 'abstain' | 'excluded';
export const SPOILED_RULE_LABEL: Record<SpoiledRule, string> = {
  abstain: '废票视为弃权（计入参与表决，不计入同意）',
  excluded: '废票不计入参与表决',
};

export const SEED_PROFILE: RuleProfile = {
  id: 'seed',
  name: '本街道实施办法（默认）',
  size: { min: 7, max: null, odd: true },
  ownerRepresentatives: { num: 1, den: 2 },
  partyMembers: { num: 1, den: 2 },
  director: 'communityPartyOrg',
  deputyMustBeOwnerRepresentative: false,
  announcementPeriod: { unit: 'workdays', days: 5 },
  memberListPeriod: { unit: 'workdays', days: 5 },
  objectionVerifyWorkdays: 5,
  termYears: null,
  voteNoticeDays: 15,
  votingPeriodDays: { min: 5, max: 60 },
  // The measures say nothing; the owner who returned a ballot took part (as with an abstention).
  spoiledBallots: 'abstain',
  backdateDays: 3,
  disclosure: DEFAULT_DISCLOSURE_SETTINGS,
  credit: YANTAI_CREDIT_SETTINGS,
};

export const BEIJING_PROFILE: RuleProfile = {
  ...SEED_PROFILE,
  id: 'beijing',
  name: '北京市物业管理条例',
  partyMembers: null,
  director: 'residentsCommittee',
  deputyMustBeOwnerRepresentative: true,
  termYears: 3,
};

export const HANGZHOU_PROFILE: RuleProfile = {
  ...SEED_PROFILE,
  id: 'hangzhou',
  name: '杭州市物业管理条例',
  size: { min: 7, max: 11, odd: true },
  partyMembers: null,
  director: 'streetAppointee',
  memberListPeriod: { unit: 'calendarDays', days: 7 },
  termYears: 2,
};

export const RULE_PROFILES: readonly RuleProfile[] = [SEED_PROFILE, BEIJING_PROFILE, HANGZHOU_PROFILE];

export const DIRECTOR_RULE_LABEL: Record<DirectorRule, string> = {
  communityPartyOrg: '社区党组织成员',
  residentsCommittee: '居民委员会代表',
  streetAppointee: '街道办事处指定人选',
};

/** A profile's 补录 limit; snapshots taken before the setting existed get the seed's value. */
export const backdateDaysOf = (p: Partial<Pick<RuleProfile, 'backdateDays'>>) => p.backdateDays ?? SEED_PROFILE.backdateDays;
