import { idCheckChar } from '../../core/identity.js';
import type { PartyOrgKind, PartyStatus, PersonTag, PostRole } from '../../core/registry.js';
import type { Trx } from '../db/transaction.js';
import type { IdentityKeys } from './identity.js';
import { personColumns } from './person-store.js';

/**
 * Fictitious people, posts and party organisations for the demo street, deterministic. Per
 * community: a 社区党委 whose secretary is also 居委会主任 (交叉任职), residents' committee
 * members, one 网格党支部 per grid and a few 楼栋党小组. Most grids have one person as branch
 * secretary, residents'-group leader and grid leader (一人兼, R40); on purpose the second grid of
 * the street has no grid worker and the third has the three posts held by three people, so the
 * checks have something to show. ID numbers are valid (fictitious region 110105).
 */

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建华',
  '秀英',
  '志强',
  '丽娟',
  '国平',
  '桂兰',
  '海燕',
  '建军',
  '玉梅',
  '春生',
  '文静',
  '振华',
  '淑珍',
  '德明',
  '晓燕',
  '立新',
  '红梅',
  '永胜',
  '凤英',
  '学文',
  '雅琴',
  '长青',
  '慧敏',
  '宏伟',
  '素芬',
  '庆丰',
  '美玲',
  '卫东',
  '月华',
  '树林',
];

interface PersonSpec {
  key: string;
  nodeId: number;
  name: string;
  partyStatus: PartyStatus;
  partyOrgKey: string | null;
  tags: PersonTag[];
  occupation: string;
  address: string;
}
interface PostSpec {
  personKey: string;
  role: PostRole;
  nodeId: number;
  partyOrgKey?: string;
  startedOn: string;
  endedOn?: string;
}

export async function loadDemoPeople(trx: Trx, keys: IdentityKeys, streetId: number): Promise<void> {
  const already = await trx.selectFrom('party_org').select('id').where('street_id', '=', streetId).limit(1).executeTakeFirst();
  if (already) return;
  const communities = await trx
    .selectFrom('org_node')
    .select(['id', 'name'])
    .where('parent_id', '=', streetId)
    .where('kind', '=', 'community')
    .orderBy('id')
    .execute();
  if (communities.length === 0) return;
  const communityIds = communities.map((c) => c.id);
  const grids = await trx
    .selectFrom('org_node')
    .select(['id', 'name', 'parent_id'])
    .where('parent_id', 'in', communityIds)
    .where('kind', '=', 'grid')
    .orderBy('id')
    .execute();
  const buildings = grids.length
    ? await trx
        .selectFrom('org_node as b')
        .innerJoin('org_node as e', 'e.id', 'b.parent_id')
        .select(['b.id', 'b.name', 'b.grid_id', 'e.id as estate_id', 'e.name as estate_name'])
        .where('b.kind', '=', 'building')
        .where(
          'b.grid_id',
          'in',
          grids.map((g) => g.id),
        )
        .orderBy('b.id')
        .execute()
    : [];

  // ── party organisations ──
  const orgs: { key: string; parentKey: string | null; kind: PartyOrgKind; name: string; nodeId: number }[] = [];
  const people: PersonSpec[] = [];
  const posts: PostSpec[] = [];
  let seq = 0;
  const addPerson = (p: Omit<PersonSpec, 'name' | 'key'> & { key?: string }) => {
    const n = seq++;
    const spec = { ...p, key: p.key ?? `p${n}`, name: `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 11) % GIVEN.length]}` };
    people.push(spec);
    return spec.key;
  };
  const noWorkerGrid = grids[1]?.id ?? grids[0]?.id;
  const splitGrid = grids[2]?.id ?? grids[0]?.id;
  let probationaryGiven = false;

  for (const [ci, c] of communities.entries()) {
    const committee = `c${c.id}`;
    orgs.push({ key: committee, parentKey: null, kind: 'committee', name: `${c.name}党委`, nodeId: c.id });
    const addr = `${c.name.replace('社区', '')}路${ci + 1}号`;
    // Community secretary, also 居委会主任: one person, two bodies (双向进入、交叉任职).
    const secretary = addPerson({
      nodeId: c.id,
      partyStatus: 'full',
      partyOrgKey: committee,
      tags: [],
      occupation: '社区党委书记',
      address: addr,
    });
    posts.push({ personKey: secretary, role: 'partySecretary', nodeId: c.id, partyOrgKey: committee, startedOn: '2021-06-01' });
    posts.push({ personKey: secretary, role: 'residentsCommitteeDirector', nodeId: c.id, startedOn: '2021-06-01' });
    const deputy = addPerson({
      nodeId: c.id,
      partyStatus: 'full',
      partyOrgKey: committee,
      tags: ['deputy'],
      occupation: '社区工作者',
      address: addr,
    });
    posts.push({ personKey: deputy, role: 'partyDeputySecretary', nodeId: c.id, partyOrgKey: committee, startedOn: '2021-06-01' });
    posts.push({ personKey: deputy, role: 'residentsCommitteeDeputy', nodeId: c.id, startedOn: '2021-06-01' });
    const member1 = addPerson({
      nodeId: c.id,
      partyStatus: 'full',
      partyOrgKey: committee,
      tags: ['veteran'],
      occupation: '退休教师',
      address: addr,
    });
    posts.push({ personKey: member1, role: 'partyCommitteeMember', nodeId: c.id, partyOrgKey: committee, startedOn: '2021-06-01' });
    posts.push({ personKey: member1, role: 'residentsCommitteeMember', nodeId: c.id, startedOn: '2021-06-01' });
    const member2 = addPerson({ nodeId: c.id, partyStatus: 'none', partyOrgKey: null, tags: [], occupation: '社区工作者', address: addr });
    posts.push({ personKey: member2, role: 'residentsCommitteeMember', nodeId: c.id, startedOn: '2021-06-01' });
    posts.push({ personKey: member2, role: 'communityWorker', nodeId: c.id, startedOn: '2019-03-01' });
    // Background people the seed recruits from: police, city management, law enforcement.
    const bg: [PersonTag, string][] = [
      ['communityPolice', '社区民警'],
      ['cityManagement', '城管队员'],
      ['lawEnforcement', '综合行政执法队员'],
    ];
    const [tag, occupation] = bg[ci % bg.length]!;
    addPerson({ nodeId: c.id, partyStatus: 'full', partyOrgKey: committee, tags: [tag], occupation, address: addr });

    for (const g of grids.filter((x) => x.parent_id === c.id)) {
      const branch = `g${g.id}`;
      // The grid's name already says its community ("青禾社区第一网格"): the branch is "青禾社区第一网格党支部".
      orgs.push({ key: branch, parentKey: committee, kind: 'branch', name: `${g.name}党支部`, nodeId: g.id });
      const gAddr = `${addr}（${g.name}）`;
      // One person: branch secretary + residents'-group leader + grid leader (一人兼, R40).
      const head = addPerson({ nodeId: g.id, partyStatus: 'full', partyOrgKey: branch, tags: [], occupation: '网格长', address: gAddr });
      posts.push({ personKey: head, role: 'partySecretary', nodeId: g.id, partyOrgKey: branch, startedOn: '2022-01-01' });
      if (g.id === splitGrid) {
        // Three different people: the check reports that "一人兼" is not achieved.
        const groupLeader = addPerson({
          nodeId: g.id,
          partyStatus: 'none',
          partyOrgKey: null,
          tags: ['veteran'],
          occupation: '退休职工',
          address: gAddr,
        });
        posts.push({ personKey: groupLeader, role: 'residentsGroupLeader', nodeId: g.id, startedOn: '2022-01-01' });
        const leader = addPerson({
          nodeId: g.id,
          partyStatus: 'full',
          partyOrgKey: branch,
          tags: [],
          occupation: '网格长',
          address: gAddr,
        });
        // The secretary was grid leader until the handover (history kept).
        posts.push({ personKey: head, role: 'gridLeader', nodeId: g.id, startedOn: '2021-01-01', endedOn: '2022-01-01' });
        posts.push({ personKey: leader, role: 'gridLeader', nodeId: g.id, startedOn: '2022-01-01' });
      } else {
        posts.push({ personKey: head, role: 'gridLeader', nodeId: g.id, startedOn: '2022-01-01' });
        posts.push({ personKey: head, role: 'residentsGroupLeader', nodeId: g.id, startedOn: '2022-01-01' });
      }
      if (g.id !== noWorkerGrid) {
        const status: PartyStatus = probationaryGiven ? 'none' : 'probationary';
        probationaryGiven = true;
        const worker = addPerson({
          nodeId: g.id,
          partyStatus: status,
          partyOrgKey: status === 'none' ? null : branch,
          tags: [],
          occupation: '专职网格员',
          address: gAddr,
        });
        posts.push({ personKey: worker, role: 'gridWorker', nodeId: g.id, startedOn: '2023-03-01' });
      }
      // A residents' representative and a building group under the grid's first building.
      const b = buildings.find((x) => x.grid_id === g.id);
      if (b && ci < 2) {
        const group = `b${b.id}`;
        orgs.push({
          key: group,
          parentKey: branch,
          kind: 'group',
          // "晴康里1号楼党小组": a building's name means something only with its estate's.
          name: `${b.estate_name}${b.name}党小组`,
          nodeId: b.id,
        });
        // A resident is registered at their estate (a bare "1号楼" is one of many); the address names the building.
        const leader = addPerson({
          nodeId: b.estate_id,
          partyStatus: 'full',
          partyOrgKey: group,
          tags: ci === 0 ? ['deputy'] : [],
          occupation: '居民',
          address: `${b.estate_name}${b.name}`,
        });
        posts.push({ personKey: leader, role: 'partyGroupLeader', nodeId: b.id, partyOrgKey: group, startedOn: '2022-07-01' });
        posts.push({ personKey: leader, role: 'buildingLeader', nodeId: b.id, startedOn: '2022-07-01' });
        posts.push({ personKey: leader, role: 'residentsRepresentative', nodeId: g.id, startedOn: '2022-07-01' });
      }
    }
  }

  // Insert organisations level by level (parents first), people, then posts: a few multi-row inserts.
  const orgId = new Map<string, number>();
  for (const kinds of [['committee'], ['branch'], ['group']] as PartyOrgKind[][]) {
    const level = orgs.filter((o) => kinds.includes(o.kind));
    if (level.length === 0) continue;
    const rows = await trx
      .insertInto('party_org')
      .values(
        level.map((o) => ({
          street_id: streetId,
          parent_id: o.parentKey ? orgId.get(o.parentKey)! : null,
          kind: o.kind,
          name: o.name,
          node_id: o.nodeId,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    for (const o of level) orgId.set(o.key, rows.find((r) => r.name === o.name)!.id);
  }

  const personRows = people.map((p, i) => {
    // Deterministic birth dates 1958–1995 and sequence numbers; odd 17th digit = male.
    const year = 1958 + ((i * 13) % 38);
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const first17 = `110105${year}${month}${day}${String(100 + ((streetId * 37 + i * 3) % 900)).padStart(3, '0')}`;
    return personColumns(keys, {
      streetId,
      nodeId: p.nodeId,
      name: p.name,
      idNumber: `${first17}${idCheckChar(first17)}`,
      mobile: `139${String(streetId % 10000).padStart(4, '0')}${String(i).padStart(4, '0')}`,
      partyStatus: p.partyStatus,
      partyOrgId: p.partyOrgKey ? orgId.get(p.partyOrgKey)! : null,
      tags: p.tags,
      occupation: p.occupation,
      address: p.address,
    });
  });
  const inserted = await trx.insertInto('person').values(personRows).returning('id').execute();
  const personId = new Map(people.map((p, i) => [p.key, inserted[i]!.id]));

  if (posts.length) {
    await trx
      .insertInto('post')
      .values(
        posts.map((p) => ({
          person_id: personId.get(p.personKey)!,
          role: p.role,
          node_id: p.nodeId,
          party_org_id: p.partyOrgKey ? orgId.get(p.partyOrgKey)! : null,
          started_on: p.startedOn,
          ended_on: p.endedOn ?? null,
        })),
      )
      .execute();
  }
}
