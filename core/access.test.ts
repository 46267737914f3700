import { describe, expect, it } from 'vitest';
import { actionsFor, NODE_ACTIONS, permissionsOfRoles, ROLE_PERMISSIONS, ROLES, rolesWith } from './access.js';

describe('roles and permissions', () => {
  it('every role of design.md has a permission set', () => {
    expect(ROLES).toHaveLength(9);
    for (const r of ROLES) expect(ROLE_PERMISSIONS[r]).toBeDefined();
  });
  it('only the street admin manages accounts and reads the audit trail', () => {
    expect(rolesWith('account.manage')).toEqual(['streetAdmin']);
    expect(rolesWith('audit.read')).toEqual(['streetAdmin']);
  });
  it('owners and district departments cannot list units', () => {
    expect(rolesWith('unit.read')).not.toContain('owner');
    expect(rolesWith('unit.read')).not.toContain('districtDepartment');
  });
  it('derives object actions from held permissions', () => {
    expect(actionsFor(NODE_ACTIONS, permissionsOfRoles(['gridWorker']))).toEqual(['listUnits']);
    expect(actionsFor(NODE_ACTIONS, permissionsOfRoles(['communityStaff']))).toEqual([
      'update',
      'move',
      'delete',
      'createChild',
      'listUnits',
      'createUnit',
    ]);
  });
});
