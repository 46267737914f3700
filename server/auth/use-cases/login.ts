import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../http/errors.js';
import { hashPassword, verifyPassword } from '../password.js';
import { createSession } from '../sessions.js';

/** Failures in a row from one source (IP address) on one account before that source is paused. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_WINDOW_MINUTES = 5;
export const IP_MAX_ATTEMPTS = 30;
/** Failures on one account from all sources together (within LOCK_MINUTES) before it is slowed down. */
export const ACCOUNT_WIDE_FAILURES = 20;
/** While slowed down: one attempt per this many seconds from sources the account has not logged in from. */
export const SLOW_SECONDS = 60;
/** A source the account logged in from within this many days is known, and never slowed down. */
export const KNOWN_SOURCE_DAYS = 90;

// Verified against when the login is unknown, so the answer takes as long either way.
let dummyHash: Promise<string> | undefined;

/**
 * Password login by username or mobile number. Attempts are kept in the database, so the limits
 * hold across app instances (issue 20: a stranger must not be able to lock the owner out):
 * - per account and source: MAX_FAILURES failures in a row from one IP address pause that address on
 *   that account for LOCK_MINUTES — the owner elsewhere is not affected;
 * - per account, all sources: past ACCOUNT_WIDE_FAILURES failures (a guess spread over many
 *   addresses), sources the account has not logged in from are slowed to one attempt per SLOW_SECONDS —
 *   still usable, no captcha, while guessing falls to a crawl; the owner's known sources go on as usual;
 * - per source, all accounts: IP_MAX_ATTEMPTS attempts per IP_WINDOW_MINUTES.
 * A successful login (or a password reset) starts the counts again.
 */
export async function login(db: Db, input: { login: string; password: string; ip: string; userAgent: string | null }) {
  const key = input.login.trim();
  const ipAttempts = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', input.ip)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${IP_WINDOW_MINUTES})`)
    .executeTakeFirstOrThrow();
  if (ipAttempts.n >= IP_MAX_ATTEMPTS) {
    throw new AppError(429, 'TOO_MANY_ATTEMPTS', `登录尝试过于频繁，请 ${IP_WINDOW_MINUTES} 分钟后再试`);
  }

  const account = await db
    .selectFrom('account')
    .select(['id', 'username', 'password_hash', 'disabled'])
    .where((eb) => eb.or([eb('username', '=', key), eb('mobile', '=', key)]))
    .executeTakeFirst();
  const lockKey = account ? account.username : key;

  // Failures since the account's last success, within the window: from this source, and from all.
  const failures = await db
    .selectFrom('login_attempt')
    .select([
      (eb) => eb.fn.countAll<number>().as('all'),
      (eb) => eb.fn.count<number>('id').filterWhere('ip', '=', input.ip).as('here'),
      (eb) => eb.fn.max('at').filterWhere('ip', '=', input.ip).as('lastHere'),
    ])
    .where('login', '=', lockKey)
    .where('success', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${LOCK_MINUTES})`)
    .where(
      'at',
      '>',
      sql<Date>`coalesce((select max(at) from login_attempt s where s.login = ${lockKey} and s.success), '-infinity'::timestamptz)`,
    )
    .executeTakeFirstOrThrow();
  const here = Number(failures.here);
  if (here >= MAX_FAILURES) {
    const until = new Date(new Date(failures.lastHere as Date).getTime() + LOCK_MINUTES * 60_000);
    throw new AppError(
      423,
      'ACCOUNT_LOCKED',
      `从本网络连续登录失败 ${MAX_FAILURES} 次，本网络已暂停登录该账号，请于 ${hhmm(until)} 之后再试，或联系街道管理员重置密码`,
    );
  }
  if (Number(failures.all) >= ACCOUNT_WIDE_FAILURES) {
    const state = await db
      .selectFrom('login_attempt')
      .select([
        (eb) =>
          eb.fn
            .count<number>('id')
            .filterWhere((w) =>
              w.and([
                w('ip', '=', input.ip),
                w('success', '=', true),
                w('at', '>', sql<Date>`now() - make_interval(days => ${KNOWN_SOURCE_DAYS})`),
              ]),
            )
            .as('known'),
        // the last attempt from an unknown source, in seconds ago
        sql<number>`extract(epoch from now() - max(at) filter (where not success and at > now() - make_interval(mins => ${LOCK_MINUTES})))`.as(
          'since',
        ),
      ])
      .where('login', '=', lockKey)
      .executeTakeFirstOrThrow();
    const since = state.since === null ? Infinity : Number(state.since);
    if (Number(state.known) === 0 && since < SLOW_SECONDS) {
      throw new AppError(
        429,
        'ACCOUNT_SLOWED',
        `该账号近期在多处登录失败，为防止密码被猜测，新的登录地点每 ${SLOW_SECONDS} 秒只能尝试一次，请 ${Math.ceil(SLOW_SECONDS - since)} 秒后再试；常用网络不受影响`,
      );
    }
  }

  const ok = await verifyPassword(account?.password_hash ?? (await (dummyHash ??= hashPassword('不存在的账号'))), input.password);
  const success = ok && account !== undefined && !account.disabled;
  await db.insertInto('login_attempt').values({ login: lockKey, ip: input.ip, success }).execute();
  if (!success) {
    if (ok && account?.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系街道管理员');
    const left = MAX_FAILURES - here - 1;
    throw new AppError(
      401,
      'BAD_CREDENTIALS',
      left > 0 ? `用户名或密码错误，还可尝试 ${left} 次` : `用户名或密码错误，本网络已暂停登录该账号 ${LOCK_MINUTES} 分钟`,
    );
  }
  return createSession(db, account!.id, input.ip, input.userAgent);
}

/** Beijing time, the time every user of the platform lives in. */
function hhmm(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
