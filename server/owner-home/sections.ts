import type { Db } from '../db/connect.js';
import type { CurrentUser } from '../http/context.js';

/** One item of a home section: what it is, how it stands, and where it opens. */
export interface HomeItem {
  id: string;
  title: string;
  /** one line under the title: a deadline, a state */
  detail?: string | null;
  /** the owner has something to do here (shown first, marked) */
  waiting?: boolean;
  link?: string | null;
}

/**
 * A section of the owner's home that another capability contributes (issue 19): evaluations and
 * questions waiting for the owner (issue 14), their tickets (issue 16)… Each takes the owner and the
 * estates of their units and returns a list; an empty list hides the section unless it offers an
 * action. Register at start-up:
 * `registerHomeSection({ key: 'tickets', title: '我的工单', load })`.
 */
export interface HomeSection {
  key: string;
  title: string;
  /** what the owner can start here (e.g. 我要反映问题): keeps the section on the home even with no items */
  action?: { label: string; link: string };
  load(db: Db, user: CurrentUser, estateIds: number[]): Promise<HomeItem[]>;
}

const sections: HomeSection[] = [];

export function registerHomeSection(section: HomeSection) {
  const i = sections.findIndex((s) => s.key === section.key);
  if (i >= 0) sections[i] = section;
  else sections.push(section);
}

export const homeSections = (): readonly HomeSection[] => sections;
