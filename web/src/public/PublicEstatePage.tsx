import { EnvironmentOutlined, PaperClipOutlined, PrinterOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Result, Skeleton, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api, isApiError } from '../api';
import { periodSummary } from '../notices/format';
import { NoticeStateTag } from '../notices/NoticeStateTag';
import type { Notice, PublicEstateNotices } from '../notices/types';
import { PublicDecisions } from '../decisions/PublicDecisions';
import { PublicCobuilding } from './PublicCobuilding';
import { errorMessage } from '../shared/feedback';
import { formatFileSize } from '../shared/format';
import './public.css';

/** Bodies longer than this (or of more lines) start folded. */
const FOLD_CHARS = 120;
const FOLD_LINES = 4;

function NoticeCard({ n, onPage, today }: { n: Notice; onPage: ReadonlySet<number>; today: string }) {
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
        <Tag color="geekblue">{n.kindLabel}</Tag>
        <NoticeStateTag notice={n} />
        {n.supersedesId !== null && <Tag color="orange">更正公告</Tag>}
      </div>
      <h3 className="pub-notice-title">{n.title}</h3>
      <div className="pub-notice-meta">
        <span data-testid={`public-notice-period-${n.id}`}>{periodSummary(n)}</span>
        <span>发布范围：{n.nodeName}</span>
      </div>
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
          <Button type="link" size="small" onClick={() => setOpen((o) => !o)} data-testid={`public-notice-toggle-${n.id}`}>
            {open ? '收起' : '展开全文'}
          </Button>
        )}
        <Button
          type="link"
          size="small"
          icon={<PrinterOutlined />}
          href={`/api/public/notices/${n.id}/print`}
          target="_blank"
          rel="noopener"
          data-testid={`public-notice-print-${n.id}`}
        >
          打印
        </Button>
      </div>
      {n.attachments.length > 0 && (
        <div className="pub-attachments" data-testid={`public-attachments-${n.id}`}>
          <span className="pub-attachments-label">附件：</span>
          <ul>
            {n.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/api/public/notices/${n.id}/attachments/${a.id}`} download={a.fileName} data-testid={`public-attachment-${a.id}`}>
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <span className="muted">{formatFileSize(a.size)}</span>
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

/**
 * 小区公告栏: what owners see when they scan the QR code on the notice board. No login, no app
 * shell; current notices first, then past ones (a corrected notice stays, marked 已被更正).
 */
export default function PublicEstatePage() {
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const [data, setData] = useState<PublicEstateNotices | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.get<PublicEstateNotices>(`/api/public/estates/${id}/notices`).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => live && setError({ status: isApiError(e) ? e.status : 0, message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  useEffect(() => {
    if (data) document.title = `${data.estate.name} · 小区公告栏`;
  }, [data]);

  if (id === null || error?.status === 404)
    return (
      <div className="pub">
        <Result status="404" title="未找到该小区" subTitle="请核对二维码或链接是否正确。" data-testid="public-not-found" />
      </div>
    );

  const onPage = new Set([...(data?.current ?? []), ...(data?.past ?? [])].map((n) => n.id));
  const estate = data?.estate;

  return (
    <div className="pub" data-testid="public-estate-page">
      <header className="pub-header">
        <div className="pub-header-inner">
          <div className="pub-brand">共治 · 小区公告栏</div>
          {estate ? (
            <>
              <h1 className="pub-title" data-testid="public-estate-name">
                {estate.name}
              </h1>
              <div className="pub-sub" data-testid="public-estate-place">
                {[estate.street, estate.community].filter(Boolean).join(' · ')}
              </div>
              {estate.address && (
                <div className="pub-sub">
                  <EnvironmentOutlined /> {estate.address}
                </div>
              )}
            </>
          ) : (
            <h1 className="pub-title">&nbsp;</h1>
          )}
        </div>
      </header>
      <main className="pub-main">
        {error ? (
          <Alert
            type="error"
            showIcon
            title="暂时无法加载公告"
            description={error.message}
            action={
              <Button size="small" icon={<ReloadOutlined />} onClick={() => setVersion((v) => v + 1)} data-testid="public-retry">
                重试
              </Button>
            }
            data-testid="public-error"
          />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <>
            <section data-testid="public-current">
              <h2 className="pub-section-title">
                正在公示 <span className="pub-count">{data.current.length}</span>
              </h2>
              {data.current.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="目前没有正在公示的公告" className="pub-empty" />
              ) : (
                data.current.map((n) => <NoticeCard key={n.id} n={n} onPage={onPage} today={data.today} />)
              )}
            </section>
            <section data-testid="public-past">
              <h2 className="pub-section-title">
                往期公告 <span className="pub-count">{data.past.length}</span>
              </h2>
              {data.past.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无往期公告" className="pub-empty" />
              ) : (
                data.past.map((n) => <NoticeCard key={n.id} n={n} onPage={onPage} today={data.today} />)
              )}
            </section>
            {id && <PublicDecisions estateId={id} />}
            {id && <PublicCobuilding estateId={id} />}
          </>
        )}
        <footer className="pub-footer">
          {data && <div>今天是 {formatDateZh(data.today)}</div>}
          <div className="pub-footer-links">
            <a href={`/api/public/estates/${id}/poster`} target="_blank" rel="noopener" data-testid="public-poster-link">
              <QrcodeOutlined /> 打印二维码海报
            </a>
            <a href="/login" data-testid="public-login-link">
              工作人员登录
            </a>
          </div>
        </footer>
      </main>
    </div>
  );
}
