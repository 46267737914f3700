import crypto from 'node:crypto';
import { sql } from 'kysely';
import { coalescing } from '../db/coalesce.js';
import type { Db } from '../db/connect.js';
import type { CurrentUser, RoleAssignment } from '../http/context.js';

/** Sessions live in the database so that any app instance can serve any request. */
export const SESSION_COOKIE = 'gz_sid';
export const SESSION_IDLE_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

/** The cookie carries a random token; the table keeps only its hash, so a leaked table opens nothing. */
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, accountId: number, ip: string | null, userAgent: string | null) {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await db
    .insertInto('session')
    .values({
      id: tokenHash(token),
      account_id: accountId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + SESSION_IDLE_HOURS * 3600_000),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

type SessionRow = {
  sessionId: string;
  csrf_token: string;
  last_seen_at: Date;
  id: number;
  username: string;
  display_name: string;
  must_change_password: boolean;
  roles: RoleAssignment[] | null;
};

/** One query for the sessions of all requests arriving together: each with its account and roles. */
const sessionsOf = (db: Db) => async (ids: string[]) => {
  const rows = await sql<SessionRow>`/* prepared: session.load */
    select s.id as "sessionId", s.csrf_token, s.last_seen_at, a.id, a.username, a.display_name, a.must_change_password,
      (select json_agg(json_build_object('role', ra.role, 'nodeId', ra.node_id) order by ra.id)
       from role_assignment ra where ra.account_id = a.id) as roles
    from session s join account a on a.id = s.account_id
    where s.id = any(${ids}::text[]) and s.expires_at > now() and not a.disabled`.execute(db);
  return new Map(rows.rows.map((r) => [r.sessionId, r]));
};

const lookups = new WeakMap<Db, (id: string) => Promise<SessionRow | undefined>>();

/** The session, its account and its role assignments: every request reads them afresh. */
export async function loadSession(db: Db, token: string): Promise<CurrentUser | null> {
  const id = tokenHash(token);
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = coalescing(sessionsOf(db))));
  const row = await lookup(id);
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db
      .updateTable('session')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_IDLE_HOURS * 3600_000) })
      .where('id', '=', id)
      .execute();
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    mustChangePassword: row.must_change_password,
    roles: row.roles ?? [],
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}
