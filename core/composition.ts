import { DIRECTOR_RULE_LABEL, type RuleProfile, type Share } from './rule-profile.js';

/**
 * The composition check of a 物业管理委员会 member list (R22–R25), the same function on the web page
 * (live, while the list is drafted) and on the server (enforced). Every failed condition is a
 * Chinese sentence naming its rule; counts are exact integers compared by cross-multiplication.
 */

export type MemberCategory = 'communityPartyOrg' | 'residentsCommittee' | 'cityManagement' | 'ownerRepresentative';
export type Background = 'deputy' | 'veteran' | 'lawEnforcement';

export interface ProposedMember {
  personId: number;
  name: string;
  /** 业主代表 (R23) */
  ownerRepresentative: boolean;
  /** 党员 (R24): full or probationary members both count as party members */
  partyMember: boolean;
  /** 社区党组织成员 (R25, seed) */
  communityPartyOrgMember: boolean;
  /** 居民委员会代表 (R25, Beijing) */
  residentsCommitteeRepresentative: boolean;
  /** 街道指定人选 (R25, Hangzhou/Guangzhou) */
  streetAppointee: boolean;
  /** 驻社区城管 */
  cityManagement: boolean;
  backgrounds: Background[];
}

export interface CompositionFailure {
  rule: 'R22' | 'R23' | 'R24' | 'R25';
  message: string;
}

export interface CompositionResult {
  ok: boolean;
  failures: CompositionFailure[];
  counts: {
    members: number;
    ownerRepresentatives: number;
    partyMembers: number;
    communityPartyOrg: number;
    residentsCommittee: number;
    cityManagement: number;
    deputy: number;
    veteran: number;
    lawEnforcement: number;
  };
}

const shareText = (s: Share) => (s.num === 1 && s.den === 2 ? '二分之一' : `${s.den}分之${s.num}`);
/** `count · den ≥ members · num` */
const meets = (count: number, members: number, s: Share) => count * s.den >= members * s.num;
/** The smallest count that meets the share. */
const needed = (members: number, s: Share) => Math.ceil((members * s.num) / s.den);

export function checkComposition(
  profile: RuleProfile,
  members: ProposedMember[],
  directorId: number | null,
  deputyIds: number[] = [],
): CompositionResult {
  const failures: CompositionFailure[] = [];
  const n = members.length;
  const count = (f: (m: ProposedMember) => boolean) => members.filter(f).length;
  const counts = {
    members: n,
    ownerRepresentatives: count((m) => m.ownerRepresentative),
    partyMembers: count((m) => m.partyMember),
    communityPartyOrg: count((m) => m.communityPartyOrgMember),
    residentsCommittee: count((m) => m.residentsCommitteeRepresentative),
    cityManagement: count((m) => m.cityManagement),
    deputy: count((m) => m.backgrounds.includes('deputy')),
    veteran: count((m) => m.backgrounds.includes('veteran')),
    lawEnforcement: count((m) => m.backgrounds.includes('lawEnforcement')),
  };

  // R22: size and odd number ("七人以上" includes seven, 民法典 第1259条)
  const { min, max, odd } = profile.size;
  const sizeText = `${max === null ? `不少于${min}人` : `${min}至${max}人`}${odd ? '的单数' : ''}`;
  if (n < min || (max !== null && n > max) || (odd && n % 2 === 0)) {
    failures.push({ rule: 'R22', message: `委员人数为${n}人，应为${sizeText}（R22）` });
  }
  const ids = new Set(members.map((m) => m.personId));
  if (ids.size !== n) failures.push({ rule: 'R22', message: '名单中有人重复出现，同一人只能担任一个委员席位（R22）' });

  // R23: owner representatives ≥ the share of all members
  if (!meets(counts.ownerRepresentatives, n, profile.ownerRepresentatives)) {
    failures.push({
      rule: 'R23',
      message: `业主代表${counts.ownerRepresentatives}人，应不少于委员人数的${shareText(profile.ownerRepresentatives)}（${n}人中至少${needed(n, profile.ownerRepresentatives)}人）（R23）`,
    });
  }
  // R24: party members ≥ the share of all members (one person may be both an owner rep and a party member)
  if (profile.partyMembers && !meets(counts.partyMembers, n, profile.partyMembers)) {
    failures.push({
      rule: 'R24',
      message: `党员委员${counts.partyMembers}人，应不少于委员人数的${shareText(profile.partyMembers)}（${n}人中至少${needed(n, profile.partyMembers)}人）（R24）`,
    });
  }
  // R25: the director
  const director = members.find((m) => m.personId === directorId);
  if (!director) {
    failures.push({ rule: 'R25', message: '尚未从委员中确定主任（R25）' });
  } else {
    const qualifies =
      profile.director === 'communityPartyOrg'
        ? director.communityPartyOrgMember
        : profile.director === 'residentsCommittee'
          ? director.residentsCommitteeRepresentative
          : director.streetAppointee;
    if (!qualifies)
      failures.push({
        rule: 'R25',
        message: `主任${director.name}不是${DIRECTOR_RULE_LABEL[profile.director]}，主任应由${DIRECTOR_RULE_LABEL[profile.director]}担任（R25）`,
      });
  }
  if (profile.deputyMustBeOwnerRepresentative) {
    const deputies = members.filter((m) => deputyIds.includes(m.personId));
    if (!deputies.some((m) => m.ownerRepresentative)) failures.push({ rule: 'R25', message: '副主任中应有一名业主代表（R25）' });
  }
  return { ok: failures.length === 0, failures, counts };
}
