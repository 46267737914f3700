import {
  ApartmentOutlined,
  DashboardOutlined,
  CustomerServiceOutlined,
  HeartOutlined,
  ShopOutlined as StationOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  FlagOutlined,
  HomeOutlined,
  ClusterOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ShopOutlined,
  TeamOutlined,
  UploadOutlined,
  EyeOutlined,
  SafetyCertificateOutlined,
  ProfileOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../core/access';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  /** any of these (omitted: every logged-in user) */
  permission?: Permission | readonly Permission[];
  /** Paths that light up this item (e.g. the units page belongs to 组织架构). */
  match: RegExp;
  /** staff work: never shown to an account that holds only owner roles (issue 19) */
  staff?: boolean;
}

/** Whether a user holding `can` sees the item. */
export const navVisible = (item: NavItem, can: (p: Permission) => boolean, ownerOnly = false) =>
  !(ownerOnly && item.staff) &&
  (item.permission === undefined || (typeof item.permission === 'string' ? can(item.permission) : item.permission.some(can)));

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/home', label: '我的首页', icon: <HomeOutlined />, permission: 'owner.self', match: /^\/home(\/|$)/ },
  {
    key: 'overview',
    path: '/overview',
    label: '总览',
    icon: <DashboardOutlined />,
    permission: 'overview.read',
    match: /^\/overview(\/|$)/,
    staff: true,
  },
  {
    key: 'org',
    path: '/org',
    label: '组织架构',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    match: /^\/(org|estates)(\/|$)/,
    staff: true,
  },
  { key: 'myUnits', path: '/my-units', label: '我的房屋', icon: <HomeOutlined />, permission: 'owner.self', match: /^\/my-units(\/|$)/ },
  { key: 'vote', path: '/vote', label: '参与表决', icon: <CheckSquareOutlined />, permission: 'owner.self', match: /^\/vote(\/|$)/ },
  {
    key: 'governance',
    path: '/governance',
    label: '小区治理与组建',
    icon: <ClusterOutlined />,
    permission: 'governance.read',
    match: /^\/(governance|formation)(\/|$)/,
  },
  // Issue 18 §1: the survey of each estate and its class (分类管理)
  {
    key: 'survey',
    path: '/survey',
    label: '调查摸底与分类',
    icon: <ProfileOutlined />,
    permission: 'governance.read',
    match: /^\/survey(\/|$)/,
  },
  {
    // Organisers, and grid workers who enter the paper ballots they collect (ballot.enter, issue 13).
    key: 'decisions',
    path: '/decisions',
    label: '业主共同决定',
    icon: <CheckSquareOutlined />,
    permission: ['decision.manage', 'ballot.enter'],
    match: /^\/decisions(\/|$)/,
  },
  {
    // Issue 17: the convenors' meetings and disputes; for departments, companies and committees their tasks
    key: 'coordination',
    path: '/coordination',
    label: '议事协调',
    icon: <CommentOutlined />,
    permission: 'task.read',
    match: /^\/coordination(\/|$)/,
  },
  // Issue 14: committees at work — the street, community and district see every committee in scope;
  // a member (staff login or owner account bound to the member) signs on their phone.
  {
    key: 'committees',
    path: '/committees',
    label: '物管会运行',
    icon: <TeamOutlined />,
    permission: 'committee.read',
    match: /^\/committees(?!\/mine)(\/|$)/,
  },
  {
    key: 'myCommittee',
    path: '/committees/mine',
    label: '我的委员会',
    icon: <TeamOutlined />,
    permission: 'committee.act',
    match: /^\/committees\/mine$/,
  },
  {
    key: 'evaluations',
    path: '/evaluations',
    label: '述职评议',
    icon: <TeamOutlined />,
    permission: 'owner.self',
    match: /^\/evaluations$/,
  },
  // Issue 16: the service desk (owners: their own tickets), service points and duty, co-building.
  {
    key: 'tickets',
    path: '/tickets',
    label: '诉求',
    icon: <CustomerServiceOutlined />,
    permission: ['ticket.raise', 'ticket.read', 'ticket.handle'],
    match: /^\/(tickets|service-list)(\/|$)/,
  },
  {
    key: 'stations',
    path: '/stations',
    label: '服务站点与值班',
    icon: <StationOutlined />,
    permission: ['service.manage', 'ticket.read', 'cobuilding.join'],
    match: /^\/stations(\/|$)/,
  },
  {
    key: 'cobuilding',
    path: '/cobuilding',
    label: '联建共建',
    icon: <HeartOutlined />,
    permission: ['cobuilding.manage', 'cobuilding.join'],
    match: /^\/cobuilding(\/|$)/,
  },
  // Issue 15: 物业监督台 "十公开" and the companies' credit inputs (R38, R39).
  {
    key: 'disclosures',
    path: '/disclosures',
    label: '十公开',
    icon: <EyeOutlined />,
    permission: 'disclosure.read',
    match: /^\/disclosures(\/|$)/,
  },
  {
    key: 'credit',
    path: '/credit',
    label: '企业信用评价',
    icon: <SafetyCertificateOutlined />,
    permission: 'credit.read',
    match: /^\/credit(\/|$)/,
  },
  { key: 'roll', path: '/roll', label: '业主名册', icon: <BankOutlined />, permission: 'registry.read', match: /^\/roll(\/|$)/ },
  { key: 'people', path: '/people', label: '人员与职务', icon: <IdcardOutlined />, permission: 'registry.read', match: /^\/people(\/|$)/ },
  {
    key: 'partyOrgs',
    path: '/party-orgs',
    label: '党组织',
    icon: <FlagOutlined />,
    permission: 'registry.read',
    match: /^\/party-orgs(\/|$)/,
  },
  {
    key: 'companies',
    path: '/companies',
    label: '物业企业',
    icon: <ShopOutlined />,
    permission: 'company.read',
    match: /^\/companies(\/|$)/,
  },
  {
    key: 'imports',
    path: '/imports',
    label: '批量导入',
    icon: <UploadOutlined />,
    permission: 'registry.manage',
    match: /^\/imports(\/|$)/,
  },
  {
    key: 'notices',
    path: '/notices',
    label: '公告',
    icon: <NotificationOutlined />,
    permission: 'org.read',
    match: /^\/notices(\/|$)/,
    staff: true,
  },
  { key: 'calendar', path: '/calendar', label: '工作日历', icon: <CalendarOutlined />, match: /^\/calendar(\/|$)/, staff: true },
  {
    key: 'accounts',
    path: '/accounts',
    label: '账号管理',
    icon: <TeamOutlined />,
    permission: 'account.manage',
    match: /^\/accounts(\/|$)/,
  },
  { key: 'audit', path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit.read', match: /^\/audit(\/|$)/ },
];
