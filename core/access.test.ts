import { describe, expect, it } from 'vitest';
import { actionsFor, NODE_ACTIONS, permissionsOfRoles, ROLE_PERMISSIONS, ROLE_SCOPE_KIND, ROLES, rolesWith } from './access.js';

describe('roles and permissions', () => {
  it('every role of design.md has a permission set', () => {
    expect(ROLES).toHaveLength(10);
    for (const r of ROLES) expect(ROLE_PERMISSIONS[r]).toBeDefined();
  });
  it('only the district and street admins manage accounts and read the audit trail', () => {
    expect(rolesWith('account.manage')).toEqual(['districtAdmin', 'streetAdmin']);
    expect(rolesWith('audit.read')).toEqual(['districtAdmin', 'streetAdmin']);
  });
  it('issue 13: the working-day calendar is kept by the district admin alone, bound to a district', () => {
    expect(rolesWith('calendar.manage')).toEqual(['districtAdmin']);
    expect(ROLE_SCOPE_KIND.districtAdmin).toEqual(['district']);
  });
  it('the district admin reads and keeps accounts, but changes nothing a street does and reads no personal data', () => {
    const held = ROLE_PERMISSIONS.districtAdmin;
    for (const p of [
      'org.manage',
      'unit.manage',
      'registry.read',
      'registry.manage',
      'notice.manage',
      'governance.manage',
      'formation.run',
    ])
      expect(held).not.toContain(p);
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
