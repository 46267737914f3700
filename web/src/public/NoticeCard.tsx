import { useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { periodSummary } from '../notices/format';
import type { Notice } from '../notices/types';
import { formatFileSize } from '../shared/format';

/** Bodies longer than this (or of more lines) start folded. */
const FOLD_CHARS = 120;
const FOLD_LINES = 4;

const STATE_TONE: Record<string, string> = { inPublicity: 'info', ended: 'plain', superseded: 'warn', published: 'good' };

/** One notice on the public board, in plain markup (issue 19): nothing needs a hover, every action is a link or a button. */
export function NoticeCard({ n, onPage, today }: { n: Notice; onPage: ReadonlySet<number>; today: string }) {
  const long = n.body.length > FOLD_CHARS || n.body.split('\n').length > FOLD_LINES;
  const [open, setOpen] = useState(false);
  const superseded = n.state === 'superseded';
  const objectionsOpen = n.acceptsObjections && n.state === 'inPublicity' && !!n.endDate && today <= n.endDate;
  return (
    <article
      id={`notice-${n.id}`}
      className={`pub-notice${superseded ? ' pub-notice-superseded' : ''}`}
      data-testid={`public-notice-${n.id}`}
    >
      <div className="pub-notice-tags">
        <span className="o-tag o-tag-info">{n.kindLabel}</span>
        <span className={`o-tag o-tag-${STATE_TONE[n.state] ?? 'plain'}`} data-testid={`notice-state-${n.id}`}>
          {n.stateLabel}
        </span>
        {n.supersedesId !== null && <span className="o-tag o-tag-warn">更正公告</span>}
        {n.backdate && (
          <span className="o-tag o-tag-warn" data-testid={`notice-backdate-${n.id}`}>
            {n.backdate.label}
          </span>
        )}
      </div>
      <h3 className="pub-notice-title">{n.title}</h3>
      <div className="pub-notice-meta">
        <span data-testid={`public-notice-period-${n.id}`}>{periodSummary(n)}</span>
        <span>发布范围：{n.nodeName}</span>
      </div>
      {n.backdate && (
        <div className="pub-callout">
          补录原因：{n.backdate.reason}
          {n.backdate.recordedOn ? `（${formatDateZh(n.backdate.recordedOn)}补录）` : ''}
        </div>
      )}
      {superseded && (
        <div className="pub-callout pub-callout-warn" data-testid={`public-notice-superseded-${n.id}`}>
          本公告已被更正，请以更正公告为准。
          {n.supersededById !== null && onPage.has(n.supersededById) && <a href={`#notice-${n.supersededById}`}>查看更正公告</a>}
        </div>
      )}
      {n.supersedesId !== null && onPage.has(n.supersedesId) && (
        <div className="pub-callout">
          本公告更正了此前的公告：<a href={`#notice-${n.supersedesId}`}>查看原公告</a>
        </div>
      )}
      {n.calendarWarning && <div className="pub-callout pub-callout-warn">{n.calendarWarning}</div>}
      <div className={`pub-notice-body${long && !open ? ' pub-folded' : ''}`} data-testid={`public-notice-body-${n.id}`}>
        {n.body}
      </div>
      <div className="pub-notice-actions">
        {long && (
          <button
            type="button"
            className="pub-link-button"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            data-testid={`public-notice-toggle-${n.id}`}
          >
            {open ? '收起' : '展开全文'}
          </button>
        )}
        <a href={`/api/public/notices/${n.id}/print`} target="_blank" rel="noopener" data-testid={`public-notice-print-${n.id}`}>
          打印
        </a>
      </div>
      {n.attachments.length > 0 && (
        <div className="pub-attachments" data-testid={`public-attachments-${n.id}`}>
          <span className="pub-attachments-label">附件：</span>
          <ul>
            {n.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/api/public/notices/${n.id}/attachments/${a.id}`} download={a.fileName} data-testid={`public-attachment-${a.id}`}>
                  {a.fileName}
                </a>
                <span className="pub-muted">{formatFileSize(a.size)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {objectionsOpen && (
        <div className="pub-callout pub-callout-info">
          公示期内，业主可向街道办事处提交书面异议，或
          <a href={`/notices/${n.id}`} data-testid={`public-notice-object-${n.id}`}>
            登录后在线提出
          </a>
          。
        </div>
      )}
    </article>
  );
}
