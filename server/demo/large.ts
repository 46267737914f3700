import type { Role } from '../../core/access.js';
import { ROLE_LABEL } from '../../core/access.js';
import { hashPassword } from '../auth/password.js';
import type { Db } from '../db/connect.js';
import type { Trx } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { LARGE_OPTIONS, type GenerateOptions } from './generate.js';
import { DEMO_PASSWORD, loadStreets, type LoadedStreets } from './load-demo.js';

/**
 * The benchmark district of `npx gongzhi load-large` (issue 18): 10 streets, ~300,000 units, and
 * logins for each role so it can be browsed and measured as its users would. It loads next to the
 * demo street (its own district, other street names, usernames prefixed jz_), in either order; on an
 * empty database the demo still loads on the first start (ensureDemoData ignores this district).
 * Every login has the demo's published password: the data set is fictitious and for testing only.
 */

export const LARGE_MARKER = 'large_loaded';

/** Which node: district, the given streets (1-based), a street's community/grid/estate (0-based within). */
type At =
  | { district: true }
  | { streets: number[] }
  | { street: number; community: number }
  | { street: number; grid: [number, number] }
  | { street: number; estate: [number, number] }
  | { company: true };

interface LargeLogin {
  username: string;
  displayName: string;
  role: Role;
  at: At;
}

function largeLogins(streetCount: number): LargeLogin[] {
  const perStreet = Array.from({ length: streetCount }, (_, i) => i + 1).flatMap((s): LargeLogin[] => [
    { username: `jz_jiedao${s}`, displayName: `街道管理员 ${s}号`, role: 'streetAdmin', at: { streets: [s] } },
    { username: `jz_dangqun${s}`, displayName: `党群办 ${s}号`, role: 'partyOffice', at: { streets: [s] } },
    { username: `jz_shequ${s}`, displayName: `社区干部 ${s}号`, role: 'communityStaff', at: { street: s, community: 0 } },
  ]);
  const few = Math.min(3, streetCount);
  return [
    { username: 'jz_quguanli', displayName: '区级管理员（基准）', role: 'districtAdmin', at: { district: true } },
    {
      username: 'jz_quzhujian',
      displayName: '区住建委（基准）',
      role: 'districtDepartment',
      at: { streets: Array.from({ length: few }, (_, i) => i + 1) },
    },
    ...perStreet,
    { username: 'jz_wangge1', displayName: '网格员（基准）', role: 'gridWorker', at: { street: 1, grid: [0, 0] } },
    { username: 'jz_zhuren1', displayName: '物管会主任（基准）', role: 'committeeDirector', at: { street: 1, estate: [0, 0] } },
    { username: 'jz_weiyuan1', displayName: '物管会委员（基准）', role: 'committeeMember', at: { street: 1, estate: [0, 0] } },
    { username: 'jz_wuye1', displayName: '物业项目经理（基准）', role: 'propertyStaff', at: { company: true } },
    { username: 'jz_yezhu1', displayName: '业主（基准）', role: 'owner', at: { street: 1, estate: [0, 0] } },
  ];
}

/** The lines printed after loading, like the demo's 演示账号: one line per role, per-street logins as a range. */
export function largeLoginLines(streetCount: number): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const l of largeLogins(streetCount)) {
    const stem = l.username.replace(/\d+$/, '');
    const range =
      /\d$/.test(l.username) && streetCount > 1 && !['jz_wangge', 'jz_zhuren', 'jz_weiyuan', 'jz_wuye', 'jz_yezhu'].includes(stem);
    if (range) {
      if (seen.has(stem)) continue;
      seen.add(stem);
      const where = l.role === 'communityStaff' ? '第 N 个街道的第一个社区' : '第 N 个街道';
      lines.push(`    ${`${stem}1…${streetCount}`.padEnd(16)} ${ROLE_LABEL[l.role]}（${where}）`);
    } else {
      const where =
        'district' in l.at
          ? '全区'
          : 'streets' in l.at
            ? `第 ${l.at.streets.join('、')} 个街道`
            : 'company' in l.at
              ? '服务第 1 个街道前三个小区的物业企业'
              : 'grid' in l.at
                ? '第 1 个街道第一个社区的第一网格'
                : '第 1 个街道第一个小区';
      lines.push(`    ${l.username.padEnd(16)} ${ROLE_LABEL[l.role]}（${where}）`);
    }
  }
  return lines;
}

/** The district's streets when load-large has run here (the start prints its logins), else null. */
export async function largeLoaded(db: Db): Promise<{ streets: number } | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', LARGE_MARKER).executeTakeFirst();
  return row ? { streets: (row.value as { streets?: number }).streets ?? LARGE_OPTIONS.streets } : null;
}

/** Loads the district with its logins in one transaction; refuses a second load (its names would repeat). */
export async function loadLarge(db: Db, opts: GenerateOptions = LARGE_OPTIONS) {
  const marker = await db.selectFrom('app_setting').select('key').where('key', '=', LARGE_MARKER).executeTakeFirst();
  if (marker) throw new AppError(409, 'ALREADY_LOADED', '基准数据集已经载入过：再次载入会重复其名称。如需重新载入，请换用空的数据库。');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins = largeLogins(opts.streets);
  return loadStreets(db, opts, {
    withLogins: false,
    then: async (trx, loaded) => {
      const first = loaded.streets[0]!;
      const company = await trx
        .insertInto('org_node')
        .values({ kind: 'company', name: '基准物业服务有限公司（演示）', parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('company_estate')
        .values(first.estates[0]!.slice(0, 3).map((estate_id) => ({ company_id: company.id, estate_id })))
        .execute();
      await trx.insertInto('org_closure').values({ ancestor_id: company.id, descendant_id: company.id, depth: 0 }).execute();
      for (const [i, l] of logins.entries()) {
        const acc = await trx
          .insertInto('account')
          .values({
            username: l.username,
            display_name: l.displayName,
            mobile: `139${String(i + 1).padStart(8, '0')}`,
            password_hash: passwordHash,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const node_id of nodesOf(l.at, loaded, company.id))
          await trx.insertInto('role_assignment').values({ account_id: acc.id, role: l.role, node_id }).execute();
        if (l.role === 'owner') await bindOwner(trx, acc.id, first, l.displayName);
      }
      await trx
        .insertInto('app_setting')
        .values({
          key: LARGE_MARKER,
          value: JSON.stringify({ district: loaded.district, company: company.id, streets: opts.streets, seed: opts.seed }),
        })
        .execute();
    },
  });
}

function nodesOf(at: At, loaded: LoadedStreets, company: number): number[] {
  if ('district' in at) return [loaded.district];
  if ('company' in at) return [company];
  if ('streets' in at) return at.streets.map((s) => loaded.streets[s - 1]!.id);
  const s = loaded.streets[at.street - 1]!;
  if ('community' in at) return [s.communities[at.community]!];
  if ('grid' in at) return [s.grids[at.grid[0]]![at.grid[1]]!];
  return [s.estates[at.estate[0]]![at.estate[1]]!];
}

/** The owner login owns the first unit of the first estate, bound as community staff would after checking. */
async function bindOwner(trx: Trx, accountId: number, street: LoadedStreets['streets'][number], name: string) {
  const estate = street.estates[0]![0]!;
  const unit = await trx.selectFrom('unit').select('id').where('estate_id', '=', estate).orderBy('id').limit(1).executeTakeFirstOrThrow();
  const person = await trx
    .insertInto('person')
    .values({ street_id: street.id, node_id: estate, name: name.replace(/（.*）/, '') || '业主' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('ownership').values({ unit_id: unit.id, person_id: person.id, started_on: '2020-01-01' }).execute();
  await trx.insertInto('owner_binding').values({ account_id: accountId, person_id: person.id, method: 'staff' }).execute();
}
