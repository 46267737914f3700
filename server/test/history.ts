import { loadCalendar } from '../calendar/store.js';
import type { Db } from '../db/connect.js';
import { inTransaction } from '../db/transaction.js';
import { ddb } from '../decisions/tables.js';
import { announceIn } from '../decisions/use-cases/manage.js';
import type { CurrentUser } from '../http/context.js';
import { publishNotice } from '../notices/use-cases/publish-notice.js';

/**
 * The history a test starts from: a decision whose topics were announced on `on`, long enough ago
 * for voting to open today (R14). A user can no longer post a notice weeks in the past (issue 13:
 * 补录 reaches back a few days); a test needs one that was posted then, so it records the announcement
 * the way the demo data does, through the step itself with no actor.
 */
export async function announcedOn(db: Db, decisionId: number, on: string) {
  const calendar = await loadCalendar(db);
  const d = await ddb(db)
    .selectFrom('org_node as e')
    .innerJoin('decision as d', 'd.estate_id', 'e.id')
    .select('e.name')
    .where('d.id', '=', decisionId)
    .executeTakeFirstOrThrow();
  await inTransaction(db, (t) =>
    announceIn(t, { db, actor: null, requestId: null, ip: null }, decisionId, on, { calendar, estate: d.name }),
  );
}

/** The acting account as a request would carry it (its role assignments), for a step run outside HTTP. */
export async function actorOf(db: Db, accountId: number): Promise<CurrentUser> {
  const a = await db.selectFrom('account').select(['id', 'username', 'display_name']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const roles = await db.selectFrom('role_assignment').select(['role', 'node_id']).where('account_id', '=', accountId).execute();
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    mustChangePassword: false,
    roles: roles.map((r) => ({ role: r.role, nodeId: r.node_id })),
    sessionId: 'history',
    csrfToken: 'history',
  };
}

/**
 * A notice its author published on `on`, as it was that day (a test of periods needs a notice posted
 * on a known date in the past; users may only post today, or record a recent paper posting).
 */
export async function publishedOn(db: Db, accountId: number, noticeId: number, on: string) {
  const actor = await actorOf(db, accountId);
  return publishNotice({ db, actor, requestId: null, ip: null }, noticeId, { publishDate: on }, on);
}
