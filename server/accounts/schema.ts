import { z } from 'zod';
import { ROLES } from '../../core/access.js';
import { NODE_KINDS } from '../../core/org.js';
import { nameInput, positiveId } from '../http/schemas.js';

const mobile = z
  .string({ error: '手机号必须是文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '手机号应为 11 位中国大陆手机号，如 13800138000' });

const roleInput = z.strictObject({
  role: z.enum(ROLES, { error: `角色只能是：${ROLES.join('、')}` }),
  /** 岗位所在节点（街道/社区/网格/小区/企业） */
  nodeId: positiveId('岗位所在节点编号'),
});

export const createAccountBody = z.strictObject({
  /** 用户名：字母开头，字母、数字、下划线，3–32 位 */
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]{2,31}$/, { error: '用户名须以字母开头，由字母、数字、下划线组成，3–32 位' }),
  displayName: nameInput('姓名', 40),
  mobile: mobile.nullish(),
  /** 初始密码；首次登录后须修改 */
  password: z.string({ error: '请输入初始密码' }).max(128, { error: '密码不能超过 128 位' }),
  roles: z.array(roleInput, { error: '角色必须是列表' }).min(1, { error: '至少分配一个角色' }).max(20, { error: '角色不能超过 20 个' }),
});

export const updateAccountBody = z.strictObject({
  displayName: nameInput('姓名', 40).optional(),
  mobile: mobile.nullish(),
  disabled: z.boolean({ error: '停用标记必须是 true 或 false' }).optional(),
  roles: z.array(roleInput).min(1, { error: '至少分配一个角色' }).max(20).optional(),
});

export const resetPasswordBody = z.strictObject({
  password: z.string({ error: '请输入新密码' }).max(128, { error: '密码不能超过 128 位' }),
});

export const accountOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ role: z.enum(ROLES), nodeId: z.number(), nodeName: z.string(), nodeKind: z.enum(NODE_KINDS) })),
  actions: z.array(z.string()),
});

export const accountListOut = z.object({ items: z.array(accountOut) });
