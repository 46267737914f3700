import { sql } from 'kysely';
import { creditGrade, ratioScore, type CreditInput, type CreditSettings } from '../../core/credit.js';
import { DISCLOSURE_ITEM_INFO, DISCLOSURE_ITEMS } from '../../core/disclosures.js';
import { PARTY_BUILDING_LABEL, partyBuildingStatus } from '../../core/registry.js';
import { YANTAI_CREDIT_SETTINGS } from '../../core/credit.js';
import { inScope } from '../access/scope.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import { streetProfile } from '../formation/profile.js';
import type { CurrentUser } from '../http/context.js';
import { companyTicketPerformance } from '../tickets/performance.js';
import { estateBoards } from './board.js';
import { ddb } from './tables.js';

const COMPANY_ITEMS = DISCLOSURE_ITEMS.filter((k) => DISCLOSURE_ITEM_INFO[k].responsible === 'company');

/** The companies whose credit inputs the caller reads: those of the streets in their scope, or their own. */
async function visibleCompanies(db: Db, user: CurrentUser, companyId?: number) {
  let q = db
    .selectFrom('property_company as pc')
    .innerJoin('org_node as n', 'n.id', 'pc.node_id')
    .innerJoin('org_node as s', 's.id', 'pc.street_id')
    .select(['pc.node_id as id', 'n.name', 'pc.street_id', 's.name as street_name', 'pc.party_org_id', 'pc.party_instructor_id', 'pc.uscc'])
    .where((eb) => eb.or([inScope(user, 'credit.read', sql.ref('pc.street_id')), inScope(user, 'credit.read', sql.ref('pc.node_id'))]))
    .orderBy('n.name');
  if (companyId) q = q.where('pc.node_id', '=', companyId);
  return q.execute();
}

async function staffCounts(db: Db, companyId: number, today: string) {
  const r = await sql<{ staff: number; full: number; probationary: number }>`
    select count(distinct po.person_id)::int as staff,
           count(distinct po.person_id) filter (where p.party_status = 'full')::int as full,
           count(distinct po.person_id) filter (where p.party_status = 'probationary')::int as probationary
    from post po join person p on p.id = po.person_id
    where po.node_id = ${companyId} and po.role in ('companyHead','projectManager','companyStaff')
      and po.started_on <= ${today} and (po.ended_on is null or po.ended_on >= ${today})`.execute(db);
  return r.rows[0] ?? { staff: 0, full: 0, probationary: 0 };
}

/**
 * One company's credit inputs for a year, each scored and explained, and the grade they give under
 * the street's settings (R39: party organisation or instructor, party-member share; R38: the
 * company's items of the 十公开 over its estates; owners' questions answered on time; tickets finished
 * on time and owners' evaluations from the service desk).
 */
async function companyCredit(db: Db, c: Awaited<ReturnType<typeof visibleCompanies>>[number], year: number, settings: CreditSettings) {
  const today = todayInChina();
  const calendar = await loadCalendar(db);
  const s = await staffCounts(db, c.id, today);
  const status = partyBuildingStatus({
    fullMembers: s.full,
    hasPartyOrg: c.party_org_id !== null,
    hasInstructor: c.party_instructor_id !== null,
  });
  const members = s.full + s.probationary;
  const estates = await db
    .selectFrom('company_estate as ce')
    .innerJoin('org_node as e', 'e.id', 'ce.estate_id')
    .select(['e.id', 'e.name'])
    .where('ce.company_id', '=', c.id)
    .orderBy('e.name')
    .execute();
  let current = 0;
  const lacking: string[] = [];
  const boards = await estateBoards(
    db,
    estates.map((e) => e.id),
    today,
    calendar,
  );
  for (const e of estates) {
    const board = boards.get(e.id)!.filter((i) => COMPANY_ITEMS.includes(i.key));
    current += board.filter((i) => i.status === 'current').length;
    for (const i of board) if (i.status !== 'current') lacking.push(`${e.name}“${i.item}”${i.statusLabel}`);
  }
  const items = estates.length * COMPANY_ITEMS.length;
  const q = estates.length
    ? await ddb(db)
        .selectFrom('disclosure_question')
        .select([
          sql<number>`count(*)::int`.as('due'),
          sql<number>`count(*) filter (where answered_on is not null and answered_on <= due_on)::int`.as('on_time'),
        ])
        .where(
          'estate_id',
          'in',
          estates.map((e) => e.id),
        )
        .where('item', 'in', COMPANY_ITEMS)
        .where('hidden_at', 'is', null)
        .where('asked_on', '>=', `${year}-01-01`)
        .where('asked_on', '<=', `${year}-12-31`)
        // a question still within its period is not counted yet
        .where((eb) => eb.or([eb('answered_on', 'is not', null), eb('due_on', '<', today)]))
        .executeTakeFirstOrThrow()
    : { due: 0, on_time: 0 };
  const t = await companyTicketPerformance(db, c.id, year);
  const scores: { input: CreditInput; score: number | null; explanation: string }[] = [
    {
      input: 'partyOrg',
      score: settings.partyOrgScore[status],
      explanation: `${PARTY_BUILDING_LABEL[status]}（正式党员 ${s.full} 人；${c.party_org_id ? '已建党组织' : c.party_instructor_id ? '已派党建指导员' : '无党组织、无党建指导员'}）`,
    },
    {
      input: 'partyShare',
      score: ratioScore(members, s.staff, settings.partyShareTarget),
      explanation: `党员（含预备）${members} 人 / 从业人员 ${s.staff} 人，达到 ${settings.partyShareTarget.num}/${settings.partyShareTarget.den} 即满分`,
    },
    {
      input: 'disclosure',
      score: ratioScore(current, items),
      explanation: `${estates.length} 个小区共 ${items} 项由企业负责的十公开，${current} 项已按期更新${lacking.length ? `；未达标：${lacking.slice(0, 8).join('、')}${lacking.length > 8 ? ` 等 ${lacking.length} 项` : ''}` : ''}`,
    },
    {
      input: 'questions',
      score: ratioScore(q.on_time, q.due),
      explanation: `${year}年到期的业主质询 ${q.due} 条，按期答复 ${q.on_time} 条`,
    },
    {
      input: 'tickets',
      score: t ? ratioScore(t.onTime, t.finished) : null,
      explanation: `${year}年派给企业的工单办结 ${t?.finished ?? 0} 件，按时办结 ${t?.onTime ?? 0} 件`,
    },
    {
      input: 'evaluations',
      score: t ? ratioScore(t.satisfied + t.basicallySatisfied, t.rated) : null,
      explanation: `${year}年业主评价 ${t?.rated ?? 0} 件，满意及基本满意 ${(t?.satisfied ?? 0) + (t?.basicallySatisfied ?? 0)} 件`,
    },
  ];
  const grade = creditGrade(scores, settings);
  return {
    id: c.id,
    name: c.name,
    uscc: c.uscc,
    streetName: c.street_name,
    year,
    estates: estates.map((e) => e.name),
    partyBuildingStatus: status,
    partyBuildingLabel: PARTY_BUILDING_LABEL[status],
    staff: s.staff,
    partyMembers: members,
    ...grade,
  };
}

/** The credit inputs of every company the caller may read (or one), with the settings used. */
export async function creditInputs(db: Db, user: CurrentUser, year: number, companyId?: number) {
  const companies = await visibleCompanies(db, user, companyId);
  const items = [];
  for (const c of companies) {
    const settings = (await streetProfile(db, c.street_id)).credit ?? YANTAI_CREDIT_SETTINGS;
    items.push({ ...(await companyCredit(db, c, year, settings)), settings });
  }
  return { year, items };
}
