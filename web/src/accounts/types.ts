import type { RoleAssignment } from '../auth/types';

/** GET /api/accounts item */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  mobile: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  actions: string[];
}
