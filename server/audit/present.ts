import { sql, type Selectable } from 'kysely';
import {
  auditActionLabel,
  auditEntityLabel,
  auditTargetPath,
  carriesChoices,
  HIDDEN_CHOICES,
  type AuditTarget,
} from '../../core/audit-actions.js';
import type { Db } from '../db/connect.js';
import type { AuditEntryTable } from '../db/schema.js';
import { hashedFieldsOf } from './verify.js';

type Row = Selectable<AuditEntryTable>;
interface Resolved {
  label: string;
  target: AuditTarget | null;
}

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
const field = (r: Row, ...keys: string[]): unknown => {
  for (const side of [r.after, r.before] as Record<string, unknown>[]) {
    if (side && typeof side === 'object') for (const k of keys) if (side[k] != null) return side[k];
  }
  return undefined;
};
/** The decision an entry belongs to: a decision itself, or a ballot whose entry names it. */
const decisionOf = (r: Row): number | null =>
  r.entity_type === 'decision' ? num(r.entity_id) : num(field(r, 'decisionId', 'decision_id'));
const noticeOf = (r: Row): number | null => (r.entity_type === 'public_notice' ? num(r.entity_id) : num(field(r, 'noticeId', 'notice_id')));

async function rows<T>(db: Db, ids: number[], query: (ids: number[]) => ReturnType<typeof sql<T>>): Promise<Map<number, T>> {
  if (ids.length === 0) return new Map();
  const r = await query([...new Set(ids)]).execute(db);
  return new Map(r.rows.map((x) => [(x as { id: number }).id, x]));
}

const idsOf = (entries: Row[], type: string) => entries.filter((e) => e.entity_type === type).flatMap((e) => num(e.entity_id) ?? []);

/**
 * What the audit page shows of each entry: the stored fields (the hash covers them), the action's
 * Chinese label, its object in words with a link to its page — and, while a decision's result is
 * not published, a room's choices hidden (the stored entry is never changed, so the chain verifies).
 */
export async function presentEntries(db: Db, entries: Row[]) {
  const objections = await rows(
    db,
    idsOf(entries, 'objection'),
    (ids) => sql<{ id: number; notice_id: number }>`
    select id, notice_id from objection where id = any(${ids}::int[])`,
  );
  const decisionIds = entries.flatMap((e) => decisionOf(e) ?? []);
  const decisions = await rows(
    db,
    decisionIds,
    (ids) => sql<{ id: number; title: string; state: string }>`
    select id, title, state from decision where id = any(${ids}::int[])`,
  );
  const noticeIds = [...entries.flatMap((e) => noticeOf(e) ?? []), ...[...objections.values()].map((o) => o.notice_id)];
  const notices = await rows(
    db,
    noticeIds,
    (ids) => sql<{ id: number; title: string }>`
    select id, title from public_notice where id = any(${ids}::int[])`,
  );
  const cases = await rows(
    db,
    idsOf(entries, 'formation_case'),
    (ids) => sql<{ id: number; estate: string }>`
    select c.id, n.name as estate from formation_case c join org_node n on n.id = c.estate_id where c.id = any(${ids}::int[])`,
  );
  const committees = await rows(
    db,
    idsOf(entries, 'property_committee'),
    (ids) => sql<{ id: number; estate: string; case_id: number | null }>`
    select p.id, n.name as estate, p.case_id from property_committee p join org_node n on n.id = p.estate_id where p.id = any(${ids}::int[])`,
  );
  const ownersCommittees = await rows(
    db,
    idsOf(entries, 'owners_committee'),
    (ids) => sql<{ id: number; estate: string }>`
    select o.id, n.name as estate from owners_committee o join org_node n on n.id = o.estate_id where o.id = any(${ids}::int[])`,
  );
  const nodeIds = ['org_node', 'street', 'estate', 'property_company'].flatMap((t) => idsOf(entries, t));
  const nodes = await rows(
    db,
    nodeIds,
    (ids) => sql<{ id: number; name: string }>`select id, name from org_node where id = any(${ids}::int[])`,
  );
  const units = await rows(
    db,
    idsOf(entries, 'unit'),
    (ids) => sql<{ id: number; estate_id: number; label: string }>`
    select u.id, u.estate_id, concat(e.name, ' ', b.name, ' ', u.entrance, u.number) as label
    from unit u join org_node e on e.id = u.estate_id join org_node b on b.id = u.building_id where u.id = any(${ids}::int[])`,
  );
  const accounts = await rows(
    db,
    idsOf(entries, 'account'),
    (ids) => sql<{ id: number; label: string }>`
    select id, concat(display_name, '（', username, '）') as label from account where id = any(${ids}::int[])`,
  );
  const people = await rows(
    db,
    idsOf(entries, 'person'),
    (ids) => sql<{ id: number; name: string }>`select id, name from person where id = any(${ids}::int[])`,
  );
  const posts = await rows(
    db,
    idsOf(entries, 'post'),
    (ids) => sql<{ id: number; name: string; node_id: number; kind: string }>`
    select p.id, pe.name, p.node_id, n.kind from post p join person pe on pe.id = p.person_id join org_node n on n.id = p.node_id
    where p.id = any(${ids}::int[])`,
  );
  const partyOrgs = await rows(
    db,
    idsOf(entries, 'party_org'),
    (ids) => sql<{ id: number; name: string }>`select id, name from party_org where id = any(${ids}::int[])`,
  );
  const contracts = await rows(
    db,
    idsOf(entries, 'service_contract'),
    (ids) => sql<{ id: number; company_id: number; label: string }>`
    select s.id, s.company_id, concat(c.name, ' · ', e.name) as label from service_contract s
    join org_node c on c.id = s.company_id join org_node e on e.id = s.estate_id where s.id = any(${ids}::int[])`,
  );
  const batches = await rows(
    db,
    idsOf(entries, 'import_batch'),
    (ids) => sql<{ id: number; file_name: string }>`
    select id, file_name from import_batch where id = any(${ids}::int[])`,
  );

  const named = (r: Row) => {
    const v = field(r, 'name', 'title', 'displayName', 'display_name', 'fileName', 'file_name');
    return typeof v === 'string' ? v : null;
  };
  const id = num;
  const book = (t: string | null | undefined) => (t ? `《${t}》` : null);

  function resolve(r: Row): Resolved {
    const eid = id(r.entity_id);
    const fallback = named(r) ?? (r.entity_id ? `${auditEntityLabel(r.entity_type)} ${r.entity_id}` : auditEntityLabel(r.entity_type));
    const withTarget = (label: string | null, target: AuditTarget | null): Resolved => ({ label: label ?? fallback, target });
    switch (r.entity_type) {
      case 'public_notice':
      case 'notice_attachment':
      case 'objection': {
        const nid = r.entity_type === 'objection' && eid !== null ? (objections.get(eid)?.notice_id ?? null) : noticeOf(r);
        const title = book(nid !== null ? notices.get(nid)?.title : null);
        const label =
          r.entity_type === 'public_notice'
            ? title
            : r.entity_type === 'objection'
              ? title && `对${title}的异议`
              : title && `${title}的附件「${named(r) ?? ''}」`;
        return withTarget(label, nid !== null ? { kind: 'notice', id: nid } : null);
      }
      case 'decision':
      case 'ballot_submission':
      case 'paper_entry': {
        const did = decisionOf(r);
        const title = book(did !== null ? decisions.get(did)?.title : null);
        const room = field(r, 'room');
        const label =
          r.entity_type === 'decision'
            ? title
            : r.entity_type === 'paper_entry'
              ? title && `${title} ${typeof room === 'string' ? room : ''}的纸质表决票`
              : title && `${title}的一次投票`;
        return withTarget(label, did !== null ? { kind: 'decision', id: did } : null);
      }
      case 'formation_case':
        return withTarget(
          eid !== null && cases.has(eid) ? `${cases.get(eid)!.estate}物管会组建` : null,
          eid !== null ? { kind: 'formation', id: eid } : null,
        );
      case 'property_committee': {
        const p = eid !== null ? committees.get(eid) : undefined;
        return withTarget(p ? `${p.estate}物管会` : null, p?.case_id ? { kind: 'formation', id: p.case_id } : { kind: 'governance' });
      }
      case 'owners_committee': {
        const o = eid !== null ? ownersCommittees.get(eid) : undefined;
        return withTarget(o ? `${o.estate}业委会` : null, { kind: 'governance' });
      }
      case 'estate':
        return withTarget(eid !== null ? (nodes.get(eid)?.name ?? null) : null, { kind: 'governance' });
      case 'org_node':
      case 'street':
        return withTarget(
          eid !== null ? (nodes.get(eid)?.name ?? null) : null,
          eid !== null && nodes.has(eid) ? { kind: 'org', id: eid } : null,
        );
      case 'property_company':
        return withTarget(eid !== null ? (nodes.get(eid)?.name ?? null) : null, eid !== null ? { kind: 'company', id: eid } : null);
      case 'service_contract': {
        const c = eid !== null ? contracts.get(eid) : undefined;
        return withTarget(c?.label ?? null, c ? { kind: 'company', id: c.company_id } : null);
      }
      case 'unit': {
        const u = eid !== null ? units.get(eid) : undefined;
        const estate = u?.estate_id ?? id(field(r, 'estate_id', 'estateId'));
        return withTarget(u?.label ?? null, estate !== null ? { kind: 'roll', id: estate } : null);
      }
      case 'account':
        return withTarget(eid !== null ? (accounts.get(eid)?.label ?? null) : null, { kind: 'accounts' });
      case 'person':
        return withTarget(eid !== null ? (people.get(eid)?.name ?? null) : null, { kind: 'people' });
      case 'post': {
        const p = eid !== null ? posts.get(eid) : undefined;
        return withTarget(p ? `${p.name}的职务` : null, p?.kind === 'company' ? { kind: 'company', id: p.node_id } : { kind: 'people' });
      }
      case 'party_org':
        return withTarget(eid !== null ? (partyOrgs.get(eid)?.name ?? null) : null, { kind: 'partyOrgs' });
      case 'import_batch':
        return withTarget(eid !== null ? (batches.get(eid)?.file_name ?? null) : null, { kind: 'imports' });
      case 'calendar_day':
      case 'calendar_year':
        return withTarget(r.entity_type === 'calendar_year' ? `${r.entity_id} 年` : r.entity_id, { kind: 'calendar' });
      default:
        return withTarget(null, null);
    }
  }

  return entries.map((r) => {
    const fields = hashedFieldsOf(r);
    const did = carriesChoices(r.action) ? decisionOf(r) : null;
    const hidden = carriesChoices(r.action) && (did === null || decisions.get(did)?.state !== 'published');
    const object = resolve(r);
    return {
      id: r.id,
      ...fields,
      before: hidden ? hideChoices(fields.before) : fields.before,
      after: hidden ? hideChoices(fields.after) : fields.after,
      hash: r.hash,
      actionLabel: auditActionLabel(r.action),
      entityLabel: auditEntityLabel(r.entity_type),
      choicesHidden: hidden,
      object: { label: object.label, href: object.target ? auditTargetPath(object.target) : null },
    };
  });
}

/** A copy with every `answers` replaced: which way a room voted stays unread until the result is out. */
function hideChoices(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hideChoices);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'answers' ? HIDDEN_CHOICES : hideChoices(x)]));
}
