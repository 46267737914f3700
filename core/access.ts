/**
 * Roles and permissions (design.md, "Who uses it"). A user holds role assignments, each bound to a
 * scope node; a permission granted by a role applies to that node and everything below it in the
 * closure of the hierarchy. The server enforces this in SQL; the web uses the same table only to
 * decide what to show.
 */

export const ROLES = [
  'districtAdmin',
  'streetAdmin',
  'partyOffice',
  'communityStaff',
  'gridWorker',
  'committeeMember',
  'committeeDirector',
  'propertyStaff',
  'owner',
  'districtDepartment',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  districtAdmin: '区级管理员',
  streetAdmin: '街道管理员',
  partyOffice: '街道党群办',
  communityStaff: '社区工作人员',
  gridWorker: '网格员',
  committeeMember: '物管会委员',
  committeeDirector: '物管会主任',
  propertyStaff: '物业企业人员',
  owner: '业主',
  districtDepartment: '区职能部门',
};

/** The kind of node each role is bound to. */
export const ROLE_SCOPE_KIND: Record<Role, readonly string[]> = {
  districtAdmin: ['district'],
  streetAdmin: ['street'],
  partyOffice: ['street'],
  communityStaff: ['community'],
  gridWorker: ['grid'],
  committeeMember: ['estate'],
  committeeDirector: ['estate'],
  propertyStaff: ['company'],
  owner: ['estate'],
  districtDepartment: ['street'],
};

export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'unit.read',
  'unit.manage',
  'account.manage',
  'audit.read',
  'calendar.manage',
  'notice.manage',
  'objection.file',
  'objection.verify',
  'registry.read',
  'registry.manage',
  'contact.reveal',
  'idNumber.reveal',
  'party.manage',
  'company.read',
  'company.manage',
  'company.report',
  'owner.self',
  'governance.read',
  'governance.manage',
  'formation.run',
  'formation.vet',
  'formation.approve',
  'decision.read',
  'decision.manage',
  'ballot.enter',
  // Issue 17: 议事协调
  'coordination.read',
  'coordination.manage',
  'coordination.request',
  'task.read',
  'task.update',
  'dispute.manage',
  // Issue 16: the service desk and co-building
  'ticket.raise',
  'ticket.read',
  'ticket.handle',
  'ticket.dispatch',
  'service.manage',
  'cobuilding.manage',
  'cobuilding.join',
  // Issue 15: 十公开 and the property companies' credit inputs
  'disclosure.read',
  'disclosure.edit',
  'disclosure.moderate',
  'credit.read',
  // Issue 14: committees at work
  'committee.read',
  'committee.manage',
  'committee.act',
  'committee.supervise',
  // Issue 18: the street's and the district's overview
  'overview.read',
  'assessment.manage',
  // Issue 18: 调查摸底 and 分类管理
  'survey.fill',
  'classification.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Issue 13: the working-day calendar is the national schedule, the same for every street, so it is
  // kept at district level (calendar.manage is held by this role only; streets read it). Otherwise
  // the district reads: it opens accounts for its streets' admins (and resets their passwords),
  // follows the audit trail, the formation progress of every estate and the property companies, and
  // sees estates and buildings with their unit counts. It does not read the owner roll or people
  // (personal data stays with the street and community that keep it), and it changes nothing a
  // street does.
  districtAdmin: [
    // Issue 18: the dashboard of its scope
    'overview.read',
    'org.read',
    'unit.read',
    'account.manage',
    'audit.read',
    'calendar.manage',
    'governance.read',
    'company.read',
    // Issue 17: the district follows every street's coordination meetings and tasks
    'coordination.read',
    'task.read',
    // Issue 15: the district reads the 十公开 roll-up and the companies' credit inputs
    'disclosure.read',
    'credit.read',
    // Issue 14: the district reads every committee's status
    'committee.read',
  ],
  // R30: the street office verifies written objections. The calendar is the district's (issue 13).
  streetAdmin: [
    // Issue 18: the dashboard of its scope
    'overview.read',
    // Issue 18 §3: what the community assessment scores (a setting of the street)
    'assessment.manage',
    'org.read',
    'org.manage',
    'unit.read',
    'unit.manage',
    'account.manage',
    'audit.read',
    'notice.manage',
    'objection.file',
    'objection.verify',
    'registry.read',
    'registry.manage',
    'contact.reveal',
    // Issue 3: the full ID number is returned to the street admin only, and each view is audited.
    'idNumber.reveal',
    'party.manage',
    'company.read',
    'company.manage',
    'company.report',
    // Issue 5: the street sets the plan and rule profile, approves member lists, issues certificates.
    'governance.read',
    'governance.manage',
    'formation.run',
    'formation.vet',
    'formation.approve',
    // Issue 6
    'decision.read',
    'decision.manage',
    'ballot.enter',
    // Issue 17: the street convenes the 联席会议 and follows every community's 四位一体 meeting
    'coordination.read',
    'coordination.manage',
    'task.read',
    'task.update',
    'dispute.manage',
    // Issue 16: the street reads every ticket of its communities (escalated ones end with it), may
    // raise and dispatch, keeps service lists, stations and co-building like a community does.
    'ticket.raise',
    'ticket.read',
    'ticket.dispatch',
    'service.manage',
    'cobuilding.manage',
    // Issue 15: the street follows every estate's 十公开, hides an abusive question (audited) and
    // reads its companies' credit inputs
    'disclosure.read',
    'disclosure.moderate',
    'credit.read',
    // Issue 14: the street supervises its committees (paper signatures, minutes, suspensions)
    'committee.read',
    'committee.manage',
    'committee.supervise',
    // Issue 18: the street surveys too, edits the classes and their measures, overrides a class, names pilots
    'survey.fill',
    'classification.manage',
  ],
  // The party office keeps the party organisations, their posts and the party-building instructors.
  partyOffice: [
    // Issue 18: the dashboard of its scope
    'overview.read',
    'org.read',
    'unit.read',
    'registry.read',
    'party.manage',
    'company.read',
    'governance.read',
    'formation.vet',
    'decision.read',
    // Issue 17: the party working committee hears the coordination meetings' reports (seed 8-四)
    'coordination.read',
    'task.read',
    // Issue 16: party members' vanguard posts and pledges (承诺践诺亮诺) are party work.
    'cobuilding.manage',
    // Issue 15: party building feeds the companies' credit (R39)
    'disclosure.read',
    'credit.read',
    // Issue 14
    'committee.read',
    // Issue 18: the party office leads 分类管理 with the street (seed: 党群办…分类管理, 分类施策)
    'classification.manage',
  ],
  // Community staff post notices and enter paper objections received from owners; they keep the
  // owner roll and the people of their community.
  communityStaff: [
    // Issue 18: the dashboard of its scope
    'overview.read',
    'org.read',
    'org.manage',
    'unit.read',
    'unit.manage',
    'notice.manage',
    'objection.file',
    'registry.read',
    'registry.manage',
    'contact.reveal',
    'company.read',
    // Community staff run formation cases in their community and help owners decide (R28, issue 6).
    'governance.read',
    'formation.run',
    'decision.read',
    'decision.manage',
    'ballot.enter',
    // Issue 17: the community convenes its 四位一体 meeting and keeps the register of disputes
    'coordination.read',
    'coordination.manage',
    'task.read',
    'task.update',
    'dispute.manage',
    // Issue 16: the community keeps the service list, stations and rosters, records tickets from
    // phone calls, dispatches by hand, visits unsatisfied raisers again, and runs co-building.
    'ticket.raise',
    'ticket.read',
    'ticket.handle',
    'ticket.dispatch',
    'service.manage',
    'cobuilding.manage',
    // Issue 15: the community follows its estates' 十公开 and hides an abusive question (audited)
    'disclosure.read',
    'disclosure.moderate',
    // Issue 14: the community helps its committees meet and record
    'committee.read',
    'committee.manage',
    // Issue 18: the community fills the survey (调查摸底) of its estates
    'survey.fill',
  ],
  // Grid workers go door to door: they read the roll, may see a resident's mobile (audited) and
  // enter the paper ballots they collect. Their scope is the buildings of their grid; they read the
  // estates those buildings belong to through them (server/access/scope.ts reachesEstate, issue 13).
  // Issue 16: he raises tickets on patrol and handles those of his grid (his scope is the grid itself).
  gridWorker: [
    'org.read',
    'unit.read',
    'registry.read',
    'contact.reveal',
    'governance.read',
    'decision.read',
    'ballot.enter',
    'ticket.raise',
    'ticket.read',
    'ticket.handle',
  ],
  // The PMC organises owners' joint decisions in its estate.
  // Issue 17: the committee sits at the 四位一体 table and carries out the tasks given to it.
  committeeMember: [
    'org.read',
    'unit.read',
    'registry.read',
    'governance.read',
    'decision.read',
    'decision.manage',
    'ballot.enter',
    'task.read',
    'task.update',
    // ...and asks it to take up a matter of the estate (提请事项)
    'coordination.request',
    // Issue 15: the committee keeps its items of the 十公开 (the pledges) and answers on them
    'disclosure.read',
    'disclosure.edit',
    // Issue 14: a member reads their committee and signs for themself (SQL: their own committee)
    'committee.read',
    'committee.act',
  ],
  committeeDirector: [
    'org.read',
    'unit.read',
    'registry.read',
    'governance.read',
    'decision.read',
    'decision.manage',
    'ballot.enter',
    'task.read',
    'task.update',
    // ...and asks it to take up a matter of the estate (提请事项)
    'coordination.request',
    // Issue 15
    'disclosure.read',
    'disclosure.edit',
    // Issue 14: the director convenes and records the committee's meetings
    'committee.read',
    'committee.manage',
    'committee.act',
  ],
  // Property-company staff report their own company's staff list and party-building data (R39).
  // Issue 16: they read the tickets of the estates their company serves and handle those dispatched
  // to it; the company claims residents' wishes (微心愿). Issue 17: and carry out the coordination
  // tasks given to their company.
  propertyStaff: [
    'org.read',
    'unit.read',
    'company.read',
    'company.report',
    'ticket.read',
    'ticket.handle',
    'cobuilding.join',
    'task.read',
    'task.update',
    // Issue 15: the company keeps its items of the 十公开 at the estates it serves, answers owners'
    // questions on them, and sees its own credit inputs
    'disclosure.read',
    'disclosure.edit',
    'credit.read',
  ],
  // Owners see their estate; their own units and votes come with the owner roll (R1–R4).
  // owner.self: bind the account to the roll, see one's own units (and, later, vote on them).
  // Issue 16: owners raise tickets (they read their own only) and post or claim wishes.
  owner: ['org.read', 'objection.file', 'owner.self', 'decision.read', 'ticket.raise', 'cobuilding.join', 'committee.act'],
  // Issue 16: a district department handles what was dispatched to it and sees only that (no
  // ticket.read: its role sits at the street, whose tickets are not its business). Issue 17: it sits
  // at the street's 联席会议 and sees and updates the tasks given to it — in every street where it
  // sits at the table — and nothing more of those streets.
  districtDepartment: [
    // Issue 18: the dashboard of its scope
    'overview.read',
    'org.read',
    'governance.read',
    'ticket.handle',
    'task.read',
    'task.update',
    // Issue 15: the district's departments (住建) read the companies' credit inputs for rating,
    // review and tendering, and export them
    'credit.read',
  ],
};

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** Actions shown on an object, derived from the permissions the caller holds at that object. */
export const NODE_ACTIONS = {
  update: 'org.manage',
  move: 'org.manage',
  delete: 'org.manage',
  createChild: 'org.manage',
  listUnits: 'unit.read',
  createUnit: 'unit.manage',
} as const satisfies Record<string, Permission>;
export type NodeAction = keyof typeof NODE_ACTIONS;

export const UNIT_ACTIONS = {
  update: 'unit.manage',
  delete: 'unit.manage',
} as const satisfies Record<string, Permission>;
export type UnitAction = keyof typeof UNIT_ACTIONS;

export function actionsFor<A extends string>(table: Record<A, Permission>, held: ReadonlySet<Permission>): A[] {
  return (Object.keys(table) as A[]).filter((a) => held.has(table[a]));
}

export function permissionsOfRoles(roles: Iterable<Role>): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

/**
 * Every role but the owner's is a staff role. An account that holds one never casts an owner's
 * ballot and is never bound to an owner on the roll (issue 13): a staff member who owns a home
 * uses a separate owner account.
 */
export const isStaffRole = (role: Role) => role !== 'owner';
