import { describe, expect, it } from 'vitest';
import { checkComposition, type ProposedMember } from './composition.js';
import { BEIJING_PROFILE, HANGZHOU_PROFILE, SEED_PROFILE } from './rule-profile.js';

let id = 0;
const person = (over: Partial<ProposedMember> = {}): ProposedMember => ({
  personId: ++id,
  name: `委员${id}`,
  ownerRepresentative: false,
  partyMember: false,
  communityPartyOrgMember: false,
  residentsCommitteeRepresentative: false,
  streetAppointee: false,
  cityManagement: false,
  backgrounds: [],
  ...over,
});

/** 7 members: a party-org director, 4 owner reps (3 of them party members), a city-management officer. */
function sevenThatPass() {
  const director = person({
    name: '张主任',
    communityPartyOrgMember: true,
    partyMember: true,
    residentsCommitteeRepresentative: true,
    streetAppointee: true,
  });
  return {
    director,
    members: [
      director,
      person({ ownerRepresentative: true, partyMember: true }),
      person({ ownerRepresentative: true, partyMember: true, backgrounds: ['veteran'] }),
      person({ ownerRepresentative: true, partyMember: true }),
      person({ ownerRepresentative: true, backgrounds: ['deputy'] }),
      person({ residentsCommitteeRepresentative: true }),
      person({ cityManagement: true, backgrounds: ['lawEnforcement'] }),
    ],
  };
}

describe('PMC member list composition (R22–R25), seed profile', () => {
  it('7 members with 4 owner representatives and 4 party members, director from the community party organisation: passes', () => {
    const { director, members } = sevenThatPass();
    const r = checkComposition(SEED_PROFILE, members, director.personId);
    expect(r.failures).toEqual([]);
    expect(r.counts).toMatchObject({
      members: 7,
      ownerRepresentatives: 4,
      partyMembers: 4,
      cityManagement: 1,
      deputy: 1,
      veteran: 1,
      lawEnforcement: 1,
    });
  });

  it('R22: 8 members (even) and 6 members (too few) fail; 9 pass the size rule', () => {
    const { director, members } = sevenThatPass();
    expect(
      checkComposition(SEED_PROFILE, [...members, person({ ownerRepresentative: true, partyMember: true })], director.personId).failures,
    ).toEqual([{ rule: 'R22', message: '委员人数为8人，应为不少于7人的单数（R22）' }]);
    const six = members.slice(0, 6);
    expect(checkComposition(SEED_PROFILE, six, director.personId).failures[0]).toEqual({
      rule: 'R22',
      message: '委员人数为6人，应为不少于7人的单数（R22）',
    });
    const nine = [
      ...members,
      person({ ownerRepresentative: true, partyMember: true }),
      person({ ownerRepresentative: true, partyMember: true }),
    ];
    expect(checkComposition(SEED_PROFILE, nine, director.personId).ok).toBe(true);
  });

  it('R23: 3 owner representatives out of 7 is below one half (4 needed)', () => {
    const { director, members } = sevenThatPass();
    members[4] = person({ backgrounds: ['deputy'], partyMember: true });
    const r = checkComposition(SEED_PROFILE, members, director.personId);
    expect(r.failures).toEqual([{ rule: 'R23', message: '业主代表3人，应不少于委员人数的二分之一（7人中至少4人）（R23）' }]);
  });

  it('R24: 3 party members out of 7 fails; one person may count as both owner representative and party member', () => {
    const { director, members } = sevenThatPass();
    members[3] = person({ ownerRepresentative: true });
    const r = checkComposition(SEED_PROFILE, members, director.personId);
    expect(r.failures).toEqual([{ rule: 'R24', message: '党员委员3人，应不少于委员人数的二分之一（7人中至少4人）（R24）' }]);
  });

  it('R25: a director outside the community party organisation, or none, fails', () => {
    const { members } = sevenThatPass();
    const r = checkComposition(SEED_PROFILE, members, members[1]!.personId);
    expect(r.failures).toEqual([{ rule: 'R25', message: `主任${members[1]!.name}不是社区党组织成员，主任应由社区党组织成员担任（R25）` }]);
    expect(checkComposition(SEED_PROFILE, members, null).failures).toEqual([{ rule: 'R25', message: '尚未从委员中确定主任（R25）' }]);
  });

  it('the same person twice is refused', () => {
    const { director, members } = sevenThatPass();
    const twice = [...members.slice(0, 6), members[1]!];
    expect(checkComposition(SEED_PROFILE, twice, director.personId).failures.map((f) => f.message)).toContain(
      '名单中有人重复出现，同一人只能担任一个委员席位（R22）',
    );
  });
});

describe('other rule profiles', () => {
  it('Beijing: no party-member share, a residents-committee director and an owner-representative deputy', () => {
    const { members } = sevenThatPass();
    const noParty = members.map((m) => ({ ...m, partyMember: false }));
    const rc = noParty[5]!;
    expect(checkComposition(BEIJING_PROFILE, noParty, rc.personId, [noParty[1]!.personId]).ok).toBe(true);
    expect(checkComposition(BEIJING_PROFILE, noParty, rc.personId, [noParty[6]!.personId]).failures).toEqual([
      { rule: 'R25', message: '副主任中应有一名业主代表（R25）' },
    ]);
  });

  it('Hangzhou: 7 to 11 members, odd; 13 fails', () => {
    const { director, members } = sevenThatPass();
    const thirteen = [...members, ...Array.from({ length: 6 }, () => person({ ownerRepresentative: true }))];
    expect(checkComposition(HANGZHOU_PROFILE, thirteen, director.personId).failures[0]).toEqual({
      rule: 'R22',
      message: '委员人数为13人，应为7至11人的单数（R22）',
    });
  });
});
