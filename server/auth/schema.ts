import { z } from 'zod';
import { NODE_KINDS } from '../../core/org.js';
import { PERMISSIONS, ROLES } from '../../core/access.js';

export const loginBody = z.strictObject({
  /** 用户名或手机号 */
  login: z.string({ error: '请输入用户名或手机号' }).trim().min(1, { error: '请输入用户名或手机号' }).max(64, { error: '用户名过长' }),
  /** 密码 */
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(128, { error: '密码过长' }),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(128),
  newPassword: z.string({ error: '请输入新密码' }).min(1, { error: '请输入新密码' }).max(128, { error: '新密码不能超过 128 位' }),
});

export const meOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ role: z.enum(ROLES), nodeId: z.number(), nodeName: z.string(), nodeKind: z.enum(NODE_KINDS) })),
  /** Every permission the user holds somewhere (the UI shows menus by it; scope is checked per object). */
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  /** 今天（北京时间，服务器的日历日）：期限与日期选择以它为准，而非浏览器的时钟 */
  today: z.string(),
});
