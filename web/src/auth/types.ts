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
  /** the server's day in China: deadlines and date pickers use it, not the browser's clock */
  today: string;
}

export { passwordProblem } from '../../../core/passwords';
