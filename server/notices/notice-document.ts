import { sql } from 'kysely';
import { formatDateZh } from '../../core/dates.js';
import { PERIOD_UNIT_LABEL } from '../../core/notices.js';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { inScope } from '../access/scope.js';
import { todayInChina } from '../clock.js';
import type { Db } from '../db/connect.js';
import type { OfficialDocument } from '../documents/official-document.js';
import type { CurrentUser } from '../http/context.js';
import { notFound } from '../http/errors.js';

const undemo = (name: string) => name.replace(/（演示）$/, '');

/**
 * A notice as an official document: issued by the street office (or the residents' committee for a
 * community's own notice), addressed to the estate's owners, with its publicity period spelled out.
 * `user` null means the public: only published notices.
 */
export async function noticeDocument(db: Db, id: number, user: CurrentUser | null): Promise<OfficialDocument & { fileName: string }> {
  let q = db
    .selectFrom('public_notice as n')
    .innerJoin('org_node as o', 'o.id', 'n.node_id')
    .selectAll('n')
    .select(['o.name as node_name', 'o.kind as node_kind'])
    .where('n.id', '=', id);
  q = user ? q.where(inScope(user, 'org.read', sql.ref('n.node_id'))) : q.where('n.status', '=', 'published');
  const n = await q.executeTakeFirst();
  if (!n) throw notFound('公告');
  const ancestors = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select(['a.kind', 'a.name'])
    .where('c.descendant_id', '=', n.node_id)
    .execute();
  const street = ancestors.find((a) => a.kind === 'street')?.name;
  const issuer =
    n.node_kind === 'community' ? `${undemo(n.node_name)}居民委员会` : street ? `${undemo(street)}办事处` : undemo(n.node_name);
  const paragraphs = n.body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (n.period_unit && n.period_days) {
    const length = `${n.period_days}${PERIOD_UNIT_LABEL[n.period_unit]}`;
    paragraphs.push(
      n.publish_date && n.end_date
        ? `公示期为${length}，自${formatDateZh(dateOf(dayIndex(n.publish_date) + 1))}起至${formatDateZh(n.end_date)}止。${n.accepts_objections ? '如有异议，请于公示期内以书面形式向街道办事处提出。' : ''}`
        : `公示期为${length}，自张贴之日的次日起计算。`,
    );
  }
  // issue 13: a paper notice recorded after its posting day says so on every copy
  if (n.backdate_reason && n.publish_date)
    paragraphs.push(
      `（补录：本公告纸质件于${formatDateZh(n.publish_date)}在现场张贴${n.published_at ? `，${formatDateZh(todayInChina(new Date(n.published_at)))}在平台补录` : ''}。）`,
    );
  const date = n.publish_date ?? todayInChina();
  return {
    title: n.title,
    recipient: n.node_kind === 'estate' ? `${n.node_name}全体业主：` : null,
    paragraphs,
    issuer,
    date,
    mark: n.status === 'draft' ? '草稿（未发布）' : null,
    fileName: `${n.title}.docx`,
  };
}

export const contentDisposition = (fileName: string) =>
  `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
