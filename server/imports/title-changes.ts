import crypto from 'node:crypto';
import { OWNERSHIP_BASIS_LABEL, type OwnershipBasis } from '../../core/registry.js';

/**
 * What a roll import would do to titles that exist (R1, R4; issue 13): per unit that has owners, whose
 * title ends, who starts, and whose title changes (designated voter, basis, name). The check shows it,
 * the commit requires the digest of this very list: a commit that would end or change anybody's title
 * without that confirmation, or after the list changed, is refused and writes nothing.
 */

/** An owner as the roll shows them: name, masked ID number (a USCC in full), since when. */
export interface TitleHolder {
  name: string;
  idMasked: string | null;
  /** started_on, YYYY-MM-DD */
  since: string;
}

export interface TitleChange {
  unitId: number;
  /** 楼栋 + 单元 + 房号, as the import's messages name a unit */
  room: string;
  /** titles that end: `until` is the new ended_on */
  ends: (TitleHolder & { until: string; voter: boolean })[];
  /** titles that start on a unit that already has owners */
  starts: (TitleHolder & { voter: boolean; newPerson: boolean })[];
  /** titles that stay but change */
  changes: (TitleHolder & { fields: { label: string; before: string; after: string }[] })[];
}

export interface TitleChanges {
  units: TitleChange[];
  /** sha256 of the list and of what it stands for (ownership and person identities); null when nothing changes. */
  digest: string | null;
}

export const NO_TITLE_CHANGES: TitleChanges = { units: [], digest: null };

/** A title held now, as the plan reads it (ownership joined with its person). */
export interface HeldTitle {
  id: number;
  person_id: number;
  name: string;
  id_masked: string | null;
  started_on: string;
  designated_voter: boolean;
  basis: OwnershipBasis;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/**
 * The list, built unit by unit while the roll is planned. `keys` are the identities behind each line
 * (ownership ids, person ids or keyed hashes, basis): part of the digest, never shown.
 */
export function titleChangeList() {
  const built: { change: TitleChange; keys: unknown[] }[] = [];
  return {
    /** The recorder of one unit that has owners now. */
    unit(unitId: number, room: string) {
      const change: TitleChange = { unitId, room, ends: [], starts: [], changes: [] };
      const keys: unknown[] = [];
      built.push({ change, keys });
      const holder = (h: HeldTitle) => ({ name: h.name, idMasked: h.id_masked, since: h.started_on });
      return {
        ended(h: HeldTitle, until: string) {
          change.ends.push({ ...holder(h), until, voter: h.designated_voter });
          keys.push(['end', h.id, until]);
        },
        started(s: TitleHolder & { voter: boolean; basis: OwnershipBasis; newPerson: boolean }, person: number | string) {
          change.starts.push({ name: s.name, idMasked: s.idMasked, since: s.since, voter: s.voter, newPerson: s.newPerson });
          keys.push(['start', person, s.since, s.voter, s.basis]);
        },
        /** A title that stays: listed when its voter (R4), basis (R1) or its holder's name changes. */
        kept(h: HeldTitle, after: { name: string; voter: boolean; basis: OwnershipBasis }) {
          const fields: { label: string; before: string; after: string }[] = [];
          if (h.name !== after.name) fields.push({ label: '业主姓名', before: h.name, after: after.name });
          if (h.designated_voter !== after.voter)
            fields.push({ label: '指定表决人', before: yesNo(h.designated_voter), after: yesNo(after.voter) });
          if (h.basis !== after.basis)
            fields.push({ label: '取得方式', before: OWNERSHIP_BASIS_LABEL[h.basis], after: OWNERSHIP_BASIS_LABEL[after.basis] });
          if (fields.length === 0) return;
          change.changes.push({ ...holder(h), fields });
          keys.push(['change', h.id, after.voter, after.basis]);
        },
      };
    },
    done(): TitleChanges {
      const kept = built.filter((b) => b.change.ends.length + b.change.starts.length + b.change.changes.length > 0);
      if (kept.length === 0) return NO_TITLE_CHANGES;
      const units = kept.map((b) => b.change);
      const keys = kept.map((b) => [b.change.unitId, b.keys]);
      return { units, digest: crypto.createHash('sha256').update(JSON.stringify({ units, keys })).digest('hex') };
    },
  };
}
