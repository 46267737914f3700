import type { FastifyReply } from 'fastify';
import type { Db } from '../db/connect.js';
import { notFound } from '../http/errors.js';

/** An attachment's bytes; for the public only when its notice is published. */
export async function attachmentOf(db: Db, noticeId: number, attachmentId: number, publicOnly: boolean) {
  let q = db
    .selectFrom('notice_attachment as a')
    .innerJoin('public_notice as n', 'n.id', 'a.notice_id')
    .select(['a.file_name', 'a.content_type', 'a.content', 'a.sha256'])
    .where('a.id', '=', attachmentId)
    .where('a.notice_id', '=', noticeId);
  if (publicOnly) q = q.where('n.status', '=', 'published');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('附件');
  return row;
}

export function sendAttachment(reply: FastifyReply, a: { file_name: string; content_type: string; content: Uint8Array; sha256: string }) {
  return reply
    .type(a.content_type)
    .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
    .header('etag', `"${a.sha256}"`)
    .send(Buffer.from(a.content));
}

/** The names a template fills in for a node: the place itself, its community and street. */
export async function publicPlace(db: Db, nodeId: number) {
  const rows = await db
    .selectFrom('org_closure as c')
    .innerJoin('org_node as a', 'a.id', 'c.ancestor_id')
    .select(['a.id', 'a.kind', 'a.name'])
    .where('c.descendant_id', '=', nodeId)
    .execute();
  const self = rows.find((r) => r.id === nodeId);
  if (!self) throw notFound('节点');
  const undemo = (s: string | undefined) => (s ? s.replace(/（演示）$/, '') : null);
  return {
    place: undemo(self.name)!,
    community: undemo(rows.find((r) => r.kind === 'community')?.name),
    street: undemo(rows.find((r) => r.kind === 'street')?.name),
  };
}
