import { dateOf, dayIndex } from '../../core/workdays.js';
import { recordAudit } from '../audit/record.js';
import { loadCalendar } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import type { Trx } from '../db/transaction.js';
import type { ActionContext, CurrentUser } from '../http/context.js';
import { ballotCode, profileForEstate, storeFile, type DecisionRules } from './store.js';
import { DECISION_COLUMNS, dtrx } from './tables.js';
import { announceIn, closeIn, insertMotions, openIn, type StepEnv } from './use-cases/manage.js';
import { publishIn } from './use-cases/publish.js';
import { placeBallots } from './use-cases/vote.js';

const undemo = (name: string) => name.replace(/（演示）$/, '');

/** A one-page PDF standing in for the scanned paper ballot. */
const scanPdf = (room: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ballot ${room}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/** The account a demo step is attributed to in the audit trail, as the use cases see a logged-in user. */
async function actorOf(trx: Trx, username: string): Promise<CurrentUser | null> {
  const a = await trx.selectFrom('account').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirst();
  return a
    ? { id: a.id, username: a.username, displayName: a.display_name, mustChangePassword: false, roles: [], sessionId: '', csrfToken: '' }
    : null;
}

/**
 * The demo street's owners' decisions (issue 6), on its first estate (the one with a running PMC
 * whose director is the `zhuren` login), made through the use cases' own steps — announcement
 * notice (R14), opening with the frozen roll and its totals (R5), closing, publication with the
 * result notice, tally file and its hash (R18):
 * - one in voting now: announced 20 days ago, open since 4 days ago until 10 days ahead, with an
 *   ordinary item (制定管理规约, item 2) and a major one (改变共有部分用途, item 8) — the `yezhu`
 *   owner has not voted yet and can;
 * - one closed and published last year, for the first two buildings (R5 scope): paper ballots entered
 *   by the community staff member `shequ` (75% of the heads), one motion passed (item 5) and one
 *   major motion rejected for want of three quarters (item 6).
 */
export async function loadDemoDecisions(trx: Trx, streetId: number): Promise<void> {
  const estate = await trx
    .selectFrom('org_closure as c')
    .innerJoin('org_node as e', 'e.id', 'c.descendant_id')
    .select(['e.id', 'e.name'])
    .where('c.ancestor_id', '=', streetId)
    .where('e.kind', '=', 'estate')
    .orderBy('e.id')
    .executeTakeFirst();
  if (!estate) return;
  const director = await actorOf(trx, 'zhuren');
  const staff = (await actorOf(trx, 'shequ')) ?? director;
  const organiser: ActionContext = { db: trx, actor: director, requestId: null, ip: null };
  const env: StepEnv = { calendar: await loadCalendar(trx), estate: undemo(estate.name) };
  const rules: DecisionRules = {
    profile: await profileForEstate(trx, estate.id),
    prevailing: 'online',
    followMajority: false,
    countParking: false,
    spoiled: 'abstain',
  };
  const today = todayInChina();
  const day = (d: number) => dateOf(dayIndex(today) + d);
  const d = dtrx(trx);

  async function draft(
    title: string,
    opensOn: string,
    closesOn: string,
    buildingIds: number[] | null,
    motions: { title: string; body: string; item: number }[],
  ) {
    const row = await d
      .insertInto('decision')
      .values({
        estate_id: estate!.id,
        title,
        organiser: '物业管理委员会',
        building_ids: buildingIds ? JSON.stringify(buildingIds) : null,
        rules: JSON.stringify(rules),
        opens_on: opensOn,
        closes_on: closesOn,
        created_by: director?.id ?? null,
      })
      .returning(DECISION_COLUMNS)
      .executeTakeFirstOrThrow();
    await insertMotions(
      d,
      row.id,
      motions.map((m) => ({ ...m, kind: 'choice' as const })),
    );
    await recordAudit(trx, organiser, {
      action: 'decision.create',
      entityType: 'decision',
      entityId: row.id,
      nodeId: estate!.id,
      after: { ...row, motions },
    });
    return row.id;
  }

  // ── in voting now ──
  const current = await draft(`${new Date().getFullYear()}年第一次业主共同决定`, day(-4), day(10), null, [
    {
      title: `制定《${env.estate}管理规约》`,
      body: '管理规约草案已在小区公告栏和平台公示，内容包括共有部分的使用和维护、装饰装修、车辆停放、宠物饲养、违反规约的责任等。',
      item: 2,
    },
    {
      title: '利用小区共有部分设置电动自行车集中充电设施并收取使用费',
      body: '在3号楼、7号楼北侧空地设置集中充电棚两处，使用费扣除电费和维护费后的收益归全体业主共有，每半年公布一次收支。',
      item: 8,
    },
  ]);
  await announceIn(trx, organiser, current, day(-20), { ...env, today: day(-20) });
  await openIn(trx, organiser, current, { ...env, today: day(-4) });

  // ── closed and published last year ──
  const year = Number(today.slice(0, 4)) - 1;
  const buildings = await trx
    .selectFrom('org_node')
    .select('id')
    .where('parent_id', '=', estate.id)
    .where('kind', '=', 'building')
    .orderBy('id')
    .limit(2)
    .execute();
  const past = await draft(
    `${year}年电梯更新改造业主共同决定`,
    `${year}-05-21`,
    `${year}-06-04`,
    buildings.map((b) => b.id),
    [
      { title: '使用住宅专项维修资金更换1号楼、2号楼电梯', body: '更换电梯4部，预算约180万元，按各户专有部分面积分摊。', item: 5 },
      { title: '续筹住宅专项维修资金', body: '维修资金余额不足首期归集额的30%，按每平方米30元续筹。', item: 6 },
    ],
  );
  await announceIn(trx, organiser, past, `${year}-05-06`, { ...env, today: `${year}-05-06` });
  await openIn(trx, organiser, past, { ...env, today: `${year}-05-21` });
  const roll = await d
    .selectFrom('decision_roll')
    .select(['unit_id', 'room', 'head', 'voter_person_id'])
    .where('decision_id', '=', past)
    .where('voter_person_id', 'is not', null)
    .orderBy('room')
    .execute();
  const heads = [...new Map(roll.map((r) => [r.head, r])).values()];
  const entered: ActionContext = { db: trx, actor: staff, requestId: null, ip: null };
  for (const [i, r] of staff ? heads.entries() : []) {
    if (i % 4 === 3) continue; // a quarter did not vote
    // item 5: ~85% yes; item 6 (needs three quarters): ~62% yes
    const answers = { m1: i % 7 === 5 ? 'no' : 'yes', m2: i % 8 < 5 ? 'yes' : i % 8 === 5 ? 'abstain' : 'no' };
    const content = scanPdf(r.room);
    const scan = await storeFile(
      d,
      past,
      'scan',
      { fileName: `表决票-${r.room}.pdf`, contentType: 'application/pdf', dataBase64: '' },
      content,
      staff!.id,
    );
    const code = ballotCode();
    const sub = await d
      .insertInto('ballot_submission')
      .values({
        decision_id: past,
        head: r.head,
        channel: 'paper',
        code,
        cast_by: staff?.id ?? null,
        voter_person_id: r.voter_person_id,
        scan_file_id: scan.id,
        created_at: `${year}-05-${String(22 + (i % 9)).padStart(2, '0')}T02:00:00Z`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await placeBallots(d, { id: past, prevailing: rules.prevailing }, r.head, 'paper', sub.id, answers);
    const entry = await d
      .insertInto('paper_entry')
      .values({
        decision_id: past,
        unit_id: r.unit_id,
        head: r.head,
        answers: JSON.stringify(answers),
        scan_file_id: scan.id,
        kind: 'first',
        outcome: 'entered',
        submission_id: sub.id,
        entered_by: staff!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, entered, {
      action: 'ballot.paper.first',
      entityType: 'paper_entry',
      entityId: entry.id,
      nodeId: estate.id,
      after: {
        decisionId: past,
        room: r.room,
        head: r.head,
        answers,
        outcome: 'entered',
        code,
        scanSha256: scan.sha256,
        proxyHolder: null,
      },
    });
  }
  await closeIn(trx, organiser, past, `${year}-06-05`);
  await publishIn(trx, organiser, past, { ...env, today: `${year}-06-06` });
}
