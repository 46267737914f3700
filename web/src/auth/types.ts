import type { Permission, Role } from '../../../core/access';
import type { NodeKind } from '../../../core/org';

export interface RoleAssignment {
  role: Role;
  nodeId: number;
  nodeName: string;
  nodeKind: NodeKind;
}

/** GET /api/auth/me, POST /api/auth/login */
export interface Me {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  permissions: Permission[];
  csrfToken: string;
}

/** Mirrors the server's password rule (server/auth/password.ts) so the form can say it first. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (classes < 2) return '密码须包含字母、数字、符号中的至少两类';
  return null;
}
