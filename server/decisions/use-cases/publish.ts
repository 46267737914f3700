import { formatArea } from '../../../core/area.js';
import { CONDITION_LABEL, OUTCOME_LABEL, publishDeadline } from '../../../core/decisions.js';
import { formatDateZh } from '../../../core/dates.js';
import { recordAudit } from '../../audit/record.js';
import { loadCalendar } from '../../calendar/store.js';
import { todayInChina } from '../../clock.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import { recordOwnersCommittee } from '../../formation/owners-committee.js';
import type { ActionContext, CurrentUser } from '../../http/context.js';
import type { StepEnv } from './manage.js';
import { postNotice } from '../../notices/post-notice.js';
import { ownersOfRoll, tellOwners } from '../../messages/tell-owners.js';
import { check, loadDecision, lockDecision, mismatchCount, motionsOf, type DecisionRules } from '../store.js';
import { DECISION_COLUMNS, dtrx } from '../tables.js';
import { computeResult, type DecisionResult } from '../tally.js';

type Ctx = ActionContext & { actor: CurrentUser };

const undemo = (name: string) => name.replace(/（演示）$/, '');

/** The result in words: one paragraph per motion, exact numbers, the failed condition (R12). */
export function resultParagraphs(title: string, r: DecisionResult, rules: DecisionRules): string[] {
  const lines: string[] = [];
  lines.push(`表决范围内业主总人数${r.totals.heads}人，专有部分总面积${r.totals.area}平方米（以投票开始之日冻结的业主名册为准）。`);
  r.motions.forEach((m, i) => {
    const n = `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? i + 1}、`;
    if (m.result) {
      const x = m.result;
      const failed = x.failed.length ? `（${x.failed.map((f) => CONDITION_LABEL[f]).join('；')}）` : '';
      lines.push(`${n}${m.title}：${OUTCOME_LABEL[m.outcome!]}${failed}`);
      lines.push(
        `参与表决${x.NP}人、专有部分面积${x.AP}平方米；同意${x.NY}人、面积${x.AY}平方米；反对${m.counts!.no}人；弃权${m.counts!.abstain}人（弃权计入参与表决）。`,
      );
      if (m.spoiled)
        lines.push(
          `其中废票${m.spoiled}张，${rules.spoiled === 'excluded' ? '按本次表决的规则不计入参与表决' : '按本次表决的规则视为弃权，已计入上述弃权人数'}。`,
        );
      if (m.followMajority)
        lines.push(
          m.followMajority.dependsOnIt
            ? `本事项的结果取决于本小区采用的“从众”条款（未表态业主计入多数票）：不适用该条款时结果为“${OUTCOME_LABEL[x.outcome]}”。`
            : '本小区采用“从众”条款，本事项的结果不受其影响。',
        );
    } else if (m.election) {
      const e = m.election;
      lines.push(
        `${n}${m.title}（应选${e.seats}名）：${e.quorum ? '' : '参与表决未达到三分之二，选举无效；'}当选${e.elected.length}名${e.unfilled ? `，缺额${e.unfilled}名` : ''}。`,
      );
      for (const c of e.candidates)
        lines.push(
          `${c.name}：得票${c.NY}人、面积${c.AY}平方米，${c.elected ? '当选' : c.qualified ? (e.tiedAtCut.includes(c.code) ? '与他人票数相同，名额不足，未当选' : '未当选（名次在名额之外）') : '未过半数，未当选'}。`,
        );
      if (m.spoiled) lines.push(`废票${m.spoiled}张，${rules.spoiled === 'excluded' ? '不计入参与表决' : '视为弃权'}。`);
      if (e.tiedAtCut.length) lines.push('得票相同的候选人争夺最后名额，须另行表决决定。');
    }
  });
  lines.push(
    `计票文件（不含姓名和电话，房屋以房号、业主以代码表示）已在本小区公示页公开，任何人可下载后按《中华人民共和国民法典》第二百七十八条规定的表决规则自行复算；文件的 SHA-256 校验值为 ${r.sha256}。`,
  );
  if (rules.followMajority) lines.push('本次表决适用本小区的“从众”条款。');
  void title;
  return lines;
}

/**
 * Publishes the result (R18: within 3 days of closing) as a notice, stores the tally file and its
 * hash, and — where an election of the owners' committee fills every seat — records the committee,
 * which dissolves the estate's PMC (R34).
 */
export async function publishDecision(ctx: Ctx, id: number) {
  const { d } = await loadDecision(ctx.db, ctx.actor, id, 'decision.manage');
  const calendar = await loadCalendar(ctx.db);
  const estate = undemo((await ctx.db.selectFrom('org_node').select('name').where('id', '=', d.estate_id).executeTakeFirstOrThrow()).name);
  return inTransaction(ctx.db, (t) => publishIn(t, ctx, id, { calendar, estate }));
}

/** The publication in the caller's transaction (also the demo data's path). */
export async function publishIn(t: Trx, ctx: ActionContext, id: number, { calendar, estate, today = todayInChina() }: StepEnv) {
  const trx = dtrx(t);
  const locked = await lockDecision(trx, id);
  check('publish', locked, await motionsOf(trx, id), await mismatchCount(trx, id), today);
  const rules = locked.rules as DecisionRules;
  const { result, text } = await computeResult(trx, locked);
  const late = locked.closed_on && today > publishDeadline(locked.closed_on);
  const notice = await postNotice(t, ctx, calendar, {
    nodeId: locked.estate_id,
    kind: 'decisionResult',
    title: `关于${estate}业主共同决定表决结果的公告（${locked.title}）`,
    body: [
      `${estate}全体业主：`,
      `${locked.organiser}组织的“${locked.title}”已于${formatDateZh(locked.closed_on!)}截止投票，现将表决结果公告如下：`,
      ...resultParagraphs(locked.title, result, rules),
      '特此公告。',
    ].join('\n'),
    publishDate: today,
    quiet: true,
  });
  // Issue 19: every owner of the roll is told the result, voter or not (a recorded history tells nobody)
  if (today === todayInChina())
    await tellOwners(t, ownersOfRoll(id), {
      event: 'vote.published',
      once: `vote.published:${id}`,
      title: `表决结果已公布：${locked.title}`,
      body: `${estate}「${locked.title}」的表决结果已公布：${result.motions
        .map((m) => `${m.title}——${m.outcome ? OUTCOME_LABEL[m.outcome] : m.election ? `当选${m.election.elected.length}名` : ''}`)
        .join('；')}。凭回执码可在本小区公告栏核对您的表决票。`,
      link: `/vote/${id}`,
    });
  let committeeId: number | null = null;
  const election = result.motions.find(
    (m) => m.election && m.item === 3 && m.election.quorum && m.election.elected.length > 0 && m.election.unfilled === 0,
  );
  if (election?.election) {
    const motion = (await motionsOf(trx, id)).find((m) => m.code === election.code)!;
    const { committee } = await recordOwnersCommittee(t, ctx, calendar, {
      estateId: locked.estate_id,
      source: 'election',
      decisionId: id,
      producedOn: today,
      members: election.election.elected.map((code) => {
        const c = motion.candidates!.find((x) => x.code === code)!;
        return { personId: c.personId, name: c.name, seat: 'member' };
      }),
      note: `由业主共同决定“${locked.title}”选举产生`,
    });
    committeeId = committee.id;
  }
  const after = await trx
    .updateTable('decision')
    .set({
      state: 'published',
      published_on: today,
      result_notice_id: notice.id,
      result: JSON.stringify(result),
      tally_file: text,
      tally_sha256: result.sha256,
      owners_committee_id: committeeId,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(DECISION_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(t, ctx, {
    action: 'decision.publish',
    entityType: 'decision',
    entityId: id,
    nodeId: locked.estate_id,
    before: { state: locked.state },
    after: { ...after, late: Boolean(late), deadline: locked.closed_on ? publishDeadline(locked.closed_on) : null },
  });
  return { result, noticeId: notice.id, late: Boolean(late), areaCheck: formatArea(Number(locked.total_area_centi ?? 0)) };
}
