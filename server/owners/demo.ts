import { idCheckChar, usccCheckChar } from '../../core/identity.js';
import type { Trx } from '../db/transaction.js';
import { mulberry32 } from '../demo/generate.js';
import type { IdentityKeys } from '../people/identity.js';
import { personColumns } from '../people/person-store.js';

const OCCUPATIONS = ['教师', '工程师', '退休职工', '会计', '医生', '个体经营者', '公务员', '企业职员', '律师', '社区志愿者'];
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬辉鹏建国建华志强志明海燕春梅晓东晓明文博子涵浩然雨欣思远嘉怡俊杰';

/**
 * The demo street's owner roll: every unit of every estate has an owner (fictitious names, valid
 * ID numbers, deterministic), with the cases the law cares about — owners of several units (R3),
 * co-owned units with and without a designated voter (R4), unsold developer units (R3), fee
 * arrears (R37), and a unit transferred last year (history kept). Returns the person the demo
 * owner login is bound to (an owner of two units in the first estate).
 */
export async function loadDemoRoll(
  trx: Trx,
  keys: IdentityKeys,
  streetId: number,
  demoOwnerMobile: string,
): Promise<{ demoOwnerPersonId: number | null }> {
  const rng = mulberry32(20261127);
  const estates = await trx
    .selectFrom('org_closure as c')
    .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
    .select(['e.id', 'e.name'])
    .where('c.ancestor_id', '=', streetId)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .execute();
  let seq = 0;
  const nameOf = () => {
    const s = SURNAMES[Math.floor(rng() * SURNAMES.length)]!;
    const g = GIVEN[Math.floor(rng() * GIVEN.length)]! + (rng() < 0.6 ? GIVEN[Math.floor(rng() * GIVEN.length)]! : '');
    return s + g;
  };
  const idOf = (n: number) => {
    const year = 1950 + (n % 50);
    const month = String(1 + (n % 12)).padStart(2, '0');
    const day = String(1 + (n % 28)).padStart(2, '0');
    const first17 = `110105${year}${month}${day}${String(n % 1000).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  };
  let demoOwnerPersonId: number | null = null;

  for (const [ei, estate] of estates.entries()) {
    const units = await trx
      .selectFrom('unit')
      .select(['id', 'area_centi'])
      .where('estate_id', '=', estate.id)
      .orderBy('building_id')
      .orderBy('entrance')
      .orderBy('number')
      .execute();
    if (units.length === 0) continue;
    // The developer: one organisation per estate, owner of the last few unsold units.
    const devFirst17 = `91110105MA${String(1000000 + ei).padStart(7, '0')}`;
    const developer = await trx
      .insertInto('person')
      .values(
        personColumns(keys, {
          streetId,
          nodeId: estate.id,
          kind: 'organisation',
          name: `${estate.name.replace('（演示）', '')}房地产开发有限公司（演示）`,
          idNumber: devFirst17 + usccCheckChar(devFirst17),
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const developerUnits = Math.max(2, Math.floor(units.length * 0.02));

    type Plan = {
      unit: number;
      persons: number[];
      voter: number | null;
      startedOn: string;
      basis: 'registered' | 'purchased' | 'construction';
    };
    const plans: Plan[] = [];
    const newPersons: { idx: number; name: string; mobile: string; idNumber: string; party: boolean }[] = [];
    let lastSingle = -1;
    for (const [ui, u] of units.entries()) {
      const year = 2005 + Math.floor(rng() * 19);
      const startedOn = `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
      if (ui >= units.length - developerUnits) {
        plans.push({ unit: u.id, persons: [-1], voter: null, startedOn: '2004-01-01', basis: 'construction' });
        continue;
      }
      const roll = rng();
      if (roll < 0.04 && lastSingle >= 0) {
        // The owner of an earlier unit owns this one too (R3: one head).
        plans.push({ unit: u.id, persons: [lastSingle], voter: null, startedOn, basis: 'registered' });
        continue;
      }
      const make = () => {
        const idx = newPersons.length;
        seq++;
        // One serial per person in the street: ID numbers and mobiles are unique (the ID pattern repeats only after 21,000).
        // About one owner in twelve is a party member (党员业主): the composition check (R24) draws on them.
        newPersons.push({
          idx,
          name: nameOf(),
          mobile: `139${String(10000000 + seq).slice(-8)}`,
          idNumber: idOf(seq),
          party: seq % 12 === 3,
        });
        return idx;
      };
      if (roll < 0.14) {
        const a = make();
        const b = make();
        // Most co-owners have named their voter; some have not (R4 shows them on the roll).
        plans.push({
          unit: u.id,
          persons: [a, b],
          voter: rng() < 0.8 ? a : null,
          startedOn,
          basis: rng() < 0.1 ? 'purchased' : 'registered',
        });
      } else {
        const a = make();
        lastSingle = a;
        plans.push({ unit: u.id, persons: [a], voter: null, startedOn, basis: rng() < 0.05 ? 'purchased' : 'registered' });
      }
    }

    // The demo owner login: the owner of the first two units of the first estate, with the login's mobile.
    if (ei === 0 && plans.length > 2) {
      const idx = plans[0]!.persons[0]!;
      newPersons[idx]!.mobile = demoOwnerMobile;
      plans[1] = { ...plans[1]!, persons: [idx], voter: null };
    }

    const ids: number[] = [];
    for (let i = 0; i < newPersons.length; i += 1000) {
      const rows = await trx
        .insertInto('person')
        .values(
          newPersons.slice(i, i + 1000).map((p) =>
            personColumns(keys, {
              streetId,
              nodeId: estate.id,
              name: p.name,
              idNumber: p.idNumber,
              mobile: p.mobile,
              partyStatus: p.party ? 'full' : 'none',
              occupation: OCCUPATIONS[p.idx % OCCUPATIONS.length]!,
            }),
          ),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    const personId = (idx: number) => (idx === -1 ? developer.id : ids[idx]!);
    if (ei === 0 && plans.length > 2) demoOwnerPersonId = personId(plans[0]!.persons[0]!);

    const ownerships = plans.flatMap((p) =>
      p.persons.map((idx) => ({
        unit_id: p.unit,
        person_id: personId(idx),
        basis: p.basis,
        share: p.persons.length > 1 ? '1/2' : null,
        designated_voter: p.voter === idx,
        started_on: p.startedOn,
      })),
    );
    for (let i = 0; i < ownerships.length; i += 2000)
      await trx
        .insertInto('ownership')
        .values(ownerships.slice(i, i + 2000))
        .execute();

    const devIds = units.slice(units.length - developerUnits).map((u) => u.id);
    await trx.updateTable('unit').set({ developer_stock: true }).where('id', 'in', devIds).execute();
    // Fee status: most paid up, about 3% in arrears since a date in the last two years.
    const arrears = units.filter((_, i) => i % 33 === 5 && i < units.length - developerUnits).map((u) => u.id);
    await trx
      .updateTable('unit')
      .set({ fee_status: 'paidUp', fee_updated_on: '2026-10-31' })
      .where('estate_id', '=', estate.id)
      .where('developer_stock', '=', false)
      .execute();
    if (arrears.length > 0)
      await trx
        .updateTable('unit')
        .set({ fee_status: 'arrears', fee_arrears_since: '2025-07-01', fee_arrears_fen: 186000, fee_updated_on: '2026-10-31' })
        .where('id', 'in', arrears)
        .execute();
  }
  return { demoOwnerPersonId };
}
