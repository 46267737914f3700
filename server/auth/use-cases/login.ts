import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../http/errors.js';
import { hashPassword, verifyPassword } from '../password.js';
import { createSession } from '../sessions.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_WINDOW_MINUTES = 5;
export const IP_MAX_ATTEMPTS = 30;

// Verified against when the login is unknown, so the answer takes as long either way.
let dummyHash: Promise<string> | undefined;

/**
 * Password login by username or mobile number. Attempts are kept in the database, so the limits
 * hold across app instances: a temporary lock after MAX_FAILURES failures in a row (within
 * LOCK_MINUTES), and a per-IP cap on attempts.
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

  const failures = await db
    .selectFrom('login_attempt')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('at').as('last')])
    .where('login', '=', lockKey)
    .where('success', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${LOCK_MINUTES})`)
    .where(
      'at',
      '>',
      sql<Date>`coalesce((select max(at) from login_attempt s where s.login = ${lockKey} and s.success), '-infinity'::timestamptz)`,
    )
    .executeTakeFirstOrThrow();
  if (failures.n >= MAX_FAILURES) {
    const until = new Date(new Date(failures.last as Date).getTime() + LOCK_MINUTES * 60_000);
    throw new AppError(
      423,
      'ACCOUNT_LOCKED',
      `连续登录失败 ${MAX_FAILURES} 次，账号已临时锁定，请于 ${hhmm(until)} 之后再试，或联系街道管理员重置密码`,
    );
  }

  const ok = await verifyPassword(account?.password_hash ?? (await (dummyHash ??= hashPassword('不存在的账号'))), input.password);
  const success = ok && account !== undefined && !account.disabled;
  await db.insertInto('login_attempt').values({ login: lockKey, ip: input.ip, success }).execute();
  if (!success) {
    if (ok && account?.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '该账号已停用，请联系街道管理员');
    const left = MAX_FAILURES - failures.n - 1;
    throw new AppError(
      401,
      'BAD_CREDENTIALS',
      left > 0 ? `用户名或密码错误，还可尝试 ${left} 次` : `用户名或密码错误，账号已临时锁定 ${LOCK_MINUTES} 分钟`,
    );
  }
  return createSession(db, account!.id, input.ip, input.userAgent);
}

/** Beijing time, the time every user of the platform lives in. */
function hhmm(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
