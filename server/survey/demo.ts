import { governanceFromSurvey, type SurveyAnswers, type SurveyProblem } from '../../core/survey.js';
import type { Trx } from '../db/transaction.js';
import { strx } from './tables.js';

/**
 * The demo street's 调查摸底 (issue 18 §1): every estate surveyed in the survey phase by its
 * community (the first two communities by the demo community logins, the others by the street),
 * with answers that find the governance status the demo already has; the platform's company and grid
 * workers as confirmed; a few estates with main problems (one of them a 问题小区), a second, earlier
 * survey for two estates (history), two pilots (试点) and one class set by the street (override).
 */
export async function loadDemoSurveys(trx: Trx, streetId: number): Promise<void> {
  const estates = await trx
    .selectFrom('org_closure as c')
    .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
    .leftJoin('estate_governance as g', 'g.estate_id', 'e.id')
    .select(['e.id', 'e.name', 'e.parent_id', 'g.status', 'g.reason', 'g.committee_term_start', 'g.committee_term_end'])
    .where('c.ancestor_id', '=', streetId)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .execute();
  const communities = [...new Set(estates.map((e) => e.parent_id!))];
  const account = async (username: string) =>
    (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
  const byCommunity = [await account('shequ'), await account('shequ2')];
  const street = await account('jiedao');
  const companies = await trx
    .selectFrom('company_estate as ce')
    .innerJoin('org_node as c', 'c.id', 'ce.company_id')
    .leftJoin('property_company as pc', 'pc.node_id', 'ce.company_id')
    .select(['ce.estate_id', 'c.name', 'pc.party_org_id', 'pc.party_instructor_id'])
    .execute();
  const workers = await trx
    .selectFrom('post as ps')
    .innerJoin('person as p', 'p.id', 'ps.person_id')
    .innerJoin('org_node as b', 'b.grid_id', 'ps.node_id')
    .select(['b.parent_id as estate_id', 'p.name'])
    .distinct()
    .where('ps.role', '=', 'gridWorker')
    .where('ps.ended_on', 'is', null)
    .where('b.kind', '=', 'building')
    .execute();
  const PROBLEMS: Record<number, SurveyProblem[]> = {
    2: ['feeArrears', 'facilities'],
    4: ['serviceDispute', 'feeArrears', 'publicIncome'],
    8: ['conflicts'],
    10: ['illegalBuilding'],
  };
  const rows = [];
  for (const [i, e] of estates.entries()) {
    const company = companies.find((c) => c.estate_id === e.id);
    const status = e.status ?? 'pending';
    const committee = status === 'ownersCommittee' || status === 'committeeExpired';
    const answers: SurveyAnswers = {
      ownersCommittee: status === 'ownersCommittee' ? 'running' : status === 'committeeExpired' ? 'expired' : 'none',
      committeeSeats: committee ? 5 : null,
      committeeMembers: committee ? (status === 'committeeExpired' ? 3 : 5) : null,
      committeeTermStart: committee ? e.committee_term_start : null,
      committeeTermEnd: committee ? e.committee_term_end : null,
      assemblyHeld: committee || e.reason === 'noCommitteeElected',
      assemblyConditions: e.reason === 'trulyDifficult',
      assemblyDifficulty: e.reason === 'trulyDifficult' ? '业主多在外地工作、出租户多，难以召集业主大会' : null,
      singleOwner: status === 'notNeeded',
      companyName: company?.name ?? null,
      companyParty: !company ? 'noCompany' : company.party_org_id ? 'established' : company.party_instructor_id ? 'instructor' : 'none',
      gridWorkers: workers.filter((w) => w.estate_id === e.id).map((w) => w.name),
      problems: PROBLEMS[i] ?? [],
      problemNote: PROBLEMS[i] ? '入户走访和座谈中业主反映集中' : null,
    };
    const outcome = governanceFromSurvey(answers);
    const ci = communities.indexOf(e.parent_id!);
    const by = byCommunity[ci] ?? street;
    const day = String(5 + (i % 20)).padStart(2, '0');
    const survey = (a: SurveyAnswers, on: string) => ({
      estate_id: e.id,
      answers: JSON.stringify(a),
      status: governanceFromSurvey(a).status,
      reason: governanceFromSurvey(a).reason,
      // the first estate's PMC runs: the formation decides its status
      governance_applied: status !== 'pmcRunning' && status !== 'formingPmc',
      created_by: by,
      created_at: `${on}T10:00:00+08:00`,
    });
    // two estates were surveyed twice: in September, and again in October when problems were raised
    if (i === 1 || i === 3) rows.push(survey({ ...answers, problems: [], problemNote: null }, `2026-09-${day}`));
    rows.push(survey(answers, `2026-10-${day}`));
    if (status !== 'pmcRunning' && status !== 'formingPmc' && outcome.status !== status)
      throw new Error(`demo survey of ${e.name} finds ${outcome.status}, the demo has ${status}`);
  }
  if (rows.length) await strx(trx).insertInto('estate_survey').values(rows).execute();
  const pilots = [
    { estate: estates[0], reason: '社区推荐：首个物管会，运行规范，打造示范' },
    { estate: estates[6], reason: '党组织基础好，列入第一批组建试点' },
  ];
  for (const p of pilots)
    if (p.estate) await strx(trx).insertInto('estate_pilot').values({ estate_id: p.estate.id, reason: p.reason, set_by: street }).execute();
  const moved = estates[10];
  if (moved)
    await strx(trx)
      .insertInto('estate_class_override')
      .values({ estate_id: moved.id, class_code: 'problem', reason: '违建问题已列入联席会议督办，按问题小区管理', set_by: street })
      .execute();
}
