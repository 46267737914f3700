/** What the 十公开 API answers (server/disclosures/schema.ts). */
export interface Entry {
  name: string;
  post: string;
  note?: string | null;
  suspended?: boolean;
}
export interface IncomeRowOut {
  kind: 'income' | 'expense';
  date: string;
  title: string;
  amountFen: number;
  note: string | null;
}
export interface Income {
  period: string | null;
  periodLabel: string | null;
  rows: IncomeRowOut[];
  incomeFen: number;
  expenseFen: number;
  balanceFen: number;
}
export interface Question {
  id: number;
  item: string;
  itemLabel: string;
  question: string | null;
  askedOn: string;
  dueOn: string;
  dueCalendarComplete: boolean;
  answer: string | null;
  answeredOn: string | null;
  overdue: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  mine: boolean;
}
export type Status = 'current' | 'stale' | 'missing';
export interface BoardItem {
  item: string;
  key: string;
  status: Status;
  statusLabel: string;
  updatedOn: string | null;
  dueOn: string | null;
  dueWarning: string | null;
  responsible: string;
  responsibleParty: 'company' | 'committee';
  renewal: string;
  source: 'entered' | 'registry' | null;
  version: number | null;
  body: string | null;
  phone: string | null;
  entries: Entry[] | null;
  income: Income | null;
  files: { id: number; name: string }[];
  questions: Question[];
}
export interface Board {
  estate: { id: number; name: string; community: string | null };
  today: string;
  items: BoardItem[];
}
export interface StaffBoard extends Board {
  items: (BoardItem & { canEdit: boolean; canAnswer: boolean })[];
  canModerate: boolean;
}
export interface History {
  item: string;
  key: string;
  versions: {
    version: number;
    source: string;
    updatedOn: string;
    body: string | null;
    phone: string | null;
    entries: Entry[] | null;
    income: Income | null;
    files: { id: number; name: string }[];
  }[];
}
export interface RollupCounts {
  estates: number;
  current: number;
  stale: number;
  missing: number;
  completeness: number;
  freshness: number;
  openQuestions: number;
  overdueQuestions: number;
}
export interface Rollup {
  today: string;
  total: RollupCounts;
  estates: (RollupCounts & {
    id: number;
    name: string;
    communityId: number;
    communityName: string;
    streetName: string;
    staleItems: { item: string; dueOn: string | null; responsible: string }[];
    missingItems: { item: string; responsible: string }[];
  })[];
  communities: (RollupCounts & { id: number; name: string })[];
  streets: (RollupCounts & { id: number; name: string })[];
  items: { key: string; item: string; current: number; stale: number; missing: number }[];
}
export interface CreditRow {
  id: number;
  name: string;
  uscc: string;
  streetName: string;
  year: number;
  estates: string[];
  partyBuildingLabel: string;
  staff: number;
  partyMembers: number;
  score: number | null;
  grade: string | null;
  explanation: string;
  inputs: { input: string; label: string; score: number | null; weight: number; points: number | null; explanation: string }[];
  settings: { bands: { grade: string; min: number }[] };
}

export const STATUS_COLOR: Record<Status, string> = { current: 'green', stale: 'orange', missing: 'red' };
/** 123450 → "1,234.50" */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.trunc(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}
