import { DISCLOSURE_ITEM_INFO, remindOn, type DisclosureItem } from '../../core/disclosures.js';
import { canonicalJson, recordAudit } from '../audit/record.js';
import { loadCalendar } from '../calendar/store.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import type { OutboundChannel } from '../notifications/channel.js';
import { notify, sendOutbound } from '../notifications/notify.js';
import { responsibleAccounts } from './access.js';
import { disclosureSettings, estateBoards } from './board.js';
import { ddb, dtrx } from './tables.js';

const SYSTEM = { actor: null, requestId: null, ip: null };

/**
 * The daily pass over the supervision boards (issue 15): items the registry keeps get a new version
 * when the registry changed (their history); the responsible party is reminded the profile's
 * working days before an item goes stale, and again — flagged and audited — once it has; questions
 * are reminded a working day before their answer is due and marked overdue after. Idempotent: each
 * reminder is marked, a second run on the same day sends nothing.
 */
export async function remindDisclosures(db: Db, today: string, channel: OutboundChannel) {
  const calendar = await loadCalendar(db);
  const estates = await db.selectFrom('org_node').select(['id', 'name']).where('kind', '=', 'estate').orderBy('id').execute();
  let before = 0;
  let after = 0;
  let synced = 0;
  const boards = await estateBoards(
    db,
    estates.map((e) => e.id),
    today,
    calendar,
  );
  for (const e of estates) {
    const settings = await disclosureSettings(db, e.id);
    const board = boards.get(e.id)!;
    for (const item of board) {
      if (item.source === 'registry' && item.entries)
        synced += await syncSnapshot(db, e.id, item.key, item.entries, item.updatedOn ?? today);
      if (!item.dueOn) continue;
      const side =
        item.status === 'stale' ? 'after' : today >= remindOn(item.dueOn, settings.remindWorkdaysBefore, calendar) ? 'before' : null;
      if (!side) continue;
      const out = await inTransaction(db, async (trx) => {
        const mark = await dtrx(trx)
          .insertInto('disclosure_reminder')
          .values({ estate_id: e.id, item: item.key, due_on: item.dueOn!, side })
          .onConflict((oc) => oc.doNothing())
          .returning('estate_id')
          .executeTakeFirst();
        if (!mark) return null;
        if (side === 'after')
          await recordAudit(
            trx,
            { db, ...SYSTEM },
            {
              action: 'disclosure.stale',
              entityType: 'estate',
              entityId: e.id,
              nodeId: e.id,
              after: { item: item.key, dueOn: item.dueOn },
            },
          );
        const to = await responsibleAccounts(trx, e.id, DISCLOSURE_ITEM_INFO[item.key].responsible);
        return notify(trx as unknown as Db, to, {
          title: side === 'after' ? '十公开事项已逾期未更新' : '十公开事项即将到期',
          body:
            side === 'after'
              ? `${e.name}的“${item.item}”应于${item.dueOn}前更新，现已逾期，公开页面标为“待更新”，请尽快更新。`
              : `${e.name}的“${item.item}”应于${item.dueOn}前更新（${item.renewal}），请按时更新。`,
          link: `/disclosures/${e.id}`,
        });
      });
      if (out) {
        if (side === 'after') after++;
        else before++;
        await sendOutbound(channel, out);
      }
    }
  }
  const questions = await remindQuestions(db, today, channel, calendar);
  return { before, after, synced, ...questions };
}

/** A registry item's new version when what the registry holds differs from the last snapshot. */
async function syncSnapshot(db: Db, estateId: number, item: DisclosureItem, entries: unknown[], on: string) {
  const snapshot = JSON.stringify({ entries });
  const same = (stored: unknown) => canonicalJson(stored) === canonicalJson(JSON.parse(snapshot));
  const last = await ddb(db)
    .selectFrom('disclosure_version')
    .select(['version', 'source', 'snapshot'])
    .where('estate_id', '=', estateId)
    .where('item', '=', item)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (last?.source === 'registry' && same(last.snapshot)) return 0;
  return inTransaction(db, async (trx) => {
    const row = await dtrx(trx)
      .insertInto('disclosure_version')
      .values({ estate_id: estateId, item, version: (last?.version ?? 0) + 1, source: 'registry', snapshot, updated_on: on })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return 0;
    await recordAudit(
      trx,
      { db, ...SYSTEM },
      {
        action: 'disclosure.sync',
        entityType: 'disclosure_version',
        entityId: row.id,
        nodeId: estateId,
        after: { item, entries: entries.length },
      },
    );
    return 1;
  });
}

async function remindQuestions(db: Db, today: string, channel: OutboundChannel, calendar: Awaited<ReturnType<typeof loadCalendar>>) {
  const open = await ddb(db)
    .selectFrom('disclosure_question as q')
    .innerJoin('org_node as e', 'e.id', 'q.estate_id')
    .select(['q.id', 'q.estate_id', 'q.item', 'q.due_on', 'q.reminded_at', 'q.overdue_at', 'e.name'])
    .where('q.answer', 'is', null)
    .where('q.hidden_at', 'is', null)
    .where((eb) => eb.or([eb('q.reminded_at', 'is', null), eb('q.overdue_at', 'is', null)]))
    .orderBy('q.id')
    .limit(1000)
    .execute();
  let questionsReminded = 0;
  let questionsOverdue = 0;
  for (const q of open) {
    const overdue = today > q.due_on && q.overdue_at === null;
    const remind = !overdue && today <= q.due_on && q.reminded_at === null && calendar.workdaysBetween(today, q.due_on).days <= 1;
    if (!overdue && !remind) continue;
    const info = DISCLOSURE_ITEM_INFO[q.item];
    const out = await inTransaction(db, async (trx) => {
      const locked = await dtrx(trx)
        .selectFrom('disclosure_question')
        .select(['answer', 'reminded_at', 'overdue_at'])
        .where('id', '=', q.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (locked.answer || (overdue ? locked.overdue_at : locked.reminded_at)) return null;
      await dtrx(trx)
        .updateTable('disclosure_question')
        .set(overdue ? { overdue_at: new Date(), reminded_at: locked.reminded_at ?? new Date() } : { reminded_at: new Date() })
        .where('id', '=', q.id)
        .execute();
      if (overdue)
        await recordAudit(
          trx,
          { db, ...SYSTEM },
          {
            action: 'question.overdue',
            entityType: 'disclosure_question',
            entityId: q.id,
            nodeId: q.estate_id,
            after: { dueOn: q.due_on },
          },
        );
      const to = await responsibleAccounts(trx, q.estate_id, info.responsible);
      return notify(trx as unknown as Db, to, {
        title: overdue ? '业主质询逾期未答复' : '业主质询即将到期',
        body: `${q.name}业主对“${info.label}”的质询${overdue ? `应于${q.due_on}前答复，现已逾期` : `请于${q.due_on}前答复`}。`,
        link: `/disclosures/${q.estate_id}`,
      });
    });
    if (out) {
      if (overdue) questionsOverdue++;
      else questionsReminded++;
      await sendOutbound(channel, out);
    }
  }
  return { questionsReminded, questionsOverdue };
}
