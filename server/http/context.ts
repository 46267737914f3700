import type { Role, Permission } from '../../core/access.js';
import type { Db } from '../db/connect.js';

export interface RoleAssignment {
  role: Role;
  nodeId: number;
}

/** The logged-in account as every use case sees it. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  sessionId: string;
  csrfToken: string;
}

/** Who acts, and from where: what every change needs for its audit entry. */
export interface ActionContext {
  db: Db;
  actor: CurrentUser | null;
  requestId: string | null;
  ip: string | null;
}

/** What a route requires: a permission (checked again against scope in SQL), any login, or nothing. */
export type RoutePermission = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}
