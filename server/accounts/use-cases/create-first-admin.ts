import crypto from 'node:crypto';
import { recordAudit } from '../../audit/record.js';
import { hashPassword } from '../../auth/password.js';
import type { Db } from '../../db/connect.js';
import { inTransaction, type Trx } from '../../db/transaction.js';
import type { ActionContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { checkText } from '../../http/text-hygiene.js';
import { rebuildClosure } from '../../org/closure.js';

export interface FirstAdminInput {
  username: string;
  displayName: string;
  /** the district (区) the street belongs to: found by name, or created */
  district: string;
  /** the street (街道) the admin keeps; omitted for a district admin */
  street: string | null;
  role: 'streetAdmin' | 'districtAdmin';
}

/**
 * Production start (issue 20): with no demo, the operator creates the first admin from the command
 * line — `npx gongzhi create-admin`. The district and street are found by name or created (the API
 * creates nothing above a street: the district is the root), the account gets a generated initial
 * password it must change at first login, printed once and never stored in clear. Everything in one
 * transaction with its audit entries (actor: the command line).
 */
export async function createFirstAdmin(db: Db, input: FirstAdminInput): Promise<{ accountId: number; nodeId: number; password: string }> {
  if (!/^[a-zA-Z][a-zA-Z0-9_]{2,31}$/.test(input.username))
    throw badRequest('用户名须以字母开头，由字母、数字、下划线组成，3–32 位', 'username');
  for (const [field, label, value] of [
    ['displayName', '姓名', input.displayName],
    ['district', '区名称', input.district],
    ['street', '街道名称', input.street ?? '-'],
  ] as const) {
    const v = value.trim();
    if (!v || v.length > 60) throw badRequest(`${label}不能为空，且不超过 60 个字`, field);
    const problem = checkText(v);
    if (problem) throw badRequest(`${label}${problem}`, field);
  }
  if (input.role === 'streetAdmin' && !input.street?.trim()) throw badRequest('街道管理员须指定街道：--street 名称', 'street');
  // 16 characters from an alphabet without look-alikes, always with a digit and a symbol
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const password = Array.from(crypto.randomBytes(14), (b) => alphabet[b % alphabet.length]).join('') + '@' + (crypto.randomInt(8) + 2);
  const passwordHash = await hashPassword(password);
  const ctx: ActionContext = { db, actor: null, requestId: 'cli:create-admin', ip: null };
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('account').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw conflict(`用户名「${input.username}」已被使用，请换一个，或由已有管理员在「账号管理」中重置其密码`);
    const district = await findOrCreate(trx, ctx, 'district', input.district.trim(), null);
    const nodeId = input.role === 'districtAdmin' ? district : await findOrCreate(trx, ctx, 'street', input.street!.trim(), district);
    const account = await trx
      .insertInto('account')
      .values({
        username: input.username,
        display_name: input.displayName.trim(),
        mobile: null,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning(['id', 'username', 'display_name'])
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_assignment').values({ account_id: account.id, role: input.role, node_id: nodeId }).execute();
    await recordAudit(trx, ctx, {
      action: 'account.create',
      entityType: 'account',
      entityId: account.id,
      nodeId,
      after: { ...account, roles: [{ role: input.role, nodeId }], by: 'gongzhi create-admin' },
    });
    return { accountId: account.id, nodeId, password };
  });
}

async function findOrCreate(trx: Trx, ctx: ActionContext, kind: 'district' | 'street', name: string, parent: number | null) {
  let q = trx.selectFrom('org_node').select('id').where('kind', '=', kind).where('name', '=', name);
  q = parent === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parent);
  const found = await q.executeTakeFirst();
  if (found) return found.id;
  const node = await trx.insertInto('org_node').values({ kind, name, parent_id: parent }).returningAll().executeTakeFirstOrThrow();
  await rebuildClosure(trx, [node.id]);
  await recordAudit(trx, ctx, { action: 'org.create', entityType: 'org_node', entityId: node.id, nodeId: node.id, after: node });
  return node.id;
}
