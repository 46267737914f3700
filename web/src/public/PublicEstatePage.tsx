import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api, isApiError } from '../api';
import type { PublicEstateNotices } from '../notices/types';
import { applyLargeText, storedLargeText } from '../owner/largeText';
import { NoticeCard } from './NoticeCard';
import { PublicDecisions } from './PublicDecisions';
import { ReceiptCheck } from './ReceiptCheck';
import { PublicCobuilding } from './PublicCobuilding';
import { PublicDisclosures } from './PublicDisclosures';
import '../owner/owner.css';
import './public.css';

function Notices({ data }: { data: PublicEstateNotices }) {
  const onPage = new Set([...data.current, ...data.past].map((n) => n.id));
  return (
    <>
      <section data-testid="public-current">
        <h2 className="pub-section-title">
          正在公示 <span className="pub-count">{data.current.length}</span>
        </h2>
        {data.current.length === 0 && <p className="pub-empty">目前没有正在公示的公告</p>}
        {data.current.map((n) => (
          <NoticeCard key={n.id} n={n} onPage={onPage} today={data.today} />
        ))}
      </section>
      <section data-testid="public-past">
        <h2 className="pub-section-title">
          往期公告 <span className="pub-count">{data.past.length}</span>
        </h2>
        {data.past.length === 0 && <p className="pub-empty">暂无往期公告</p>}
        {data.past.map((n) => (
          <NoticeCard key={n.id} n={n} onPage={onPage} today={data.today} />
        ))}
      </section>
    </>
  );
}

/**
 * 小区公告栏: what owners see when they scan the QR code on the notice board. No login, no app shell,
 * plain markup (issue 19: fast on a mobile network, readable in large text): current notices first,
 * then past ones, the published decisions, and the check of a ballot by its receipt.
 */
export default function PublicEstatePage() {
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const [data, setData] = useState<PublicEstateNotices | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [version, setVersion] = useState(0);
  const [large, setLarge] = useState(storedLargeText);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    api.get<PublicEstateNotices>(`/api/public/estates/${id}/notices`).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => live && setError({ status: isApiError(e) ? e.status : 0, message: isApiError(e) ? e.message : '网络连接失败' }),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  useEffect(() => {
    if (!data) return;
    document.title = `${data.estate.name} · 小区公告栏`;
    // a link to one notice (#notice-12) scrolls to it once the notices are there
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [data]);

  if (id === null || error?.status === 404)
    return (
      <div className="pub">
        <div className="plain-result" data-testid="public-not-found">
          <h1>未找到该小区</h1>
          <p>请核对二维码或链接是否正确。</p>
        </div>
      </div>
    );

  const estate = data?.estate;
  return (
    <div className="pub" data-testid="public-estate-page">
      <header className="pub-header">
        <div className="pub-header-inner">
          <div className="pub-brand-row">
            <span className="pub-brand">共治 · 小区公告栏</span>
            <button
              type="button"
              className="o-toggle"
              aria-pressed={large}
              onClick={() => {
                setLarge(!large);
                applyLargeText(!large);
              }}
              data-testid="large-text-toggle"
            >
              {large ? '标准字' : '大字'}
            </button>
          </div>
          <h1 className="pub-title" data-testid="public-estate-name">
            {estate?.name ?? '\u00a0'}
          </h1>
          {estate && (
            <div className="pub-sub" data-testid="public-estate-place">
              {[estate.street, estate.community].filter(Boolean).join(' · ')}
            </div>
          )}
          {estate?.address && <div className="pub-sub">{estate.address}</div>}
        </div>
      </header>
      <main className="pub-main">
        {error ? (
          <div className="pub-callout pub-callout-warn" role="alert" data-testid="public-error">
            暂时无法加载公告：{error.message}
            <button type="button" className="pub-link-button" onClick={() => setVersion((v) => v + 1)} data-testid="public-retry">
              重试
            </button>
          </div>
        ) : !data ? (
          <div className="plain-spin" role="status" aria-label="正在加载">
            <span className="plain-spin-dot" />
          </div>
        ) : (
          <>
            <Notices data={data} />
            <PublicDisclosures estateId={id} />
            <PublicDecisions estateId={id} />
            <ReceiptCheck estateId={id} />
            <PublicCobuilding estateId={id} />
          </>
        )}
        <footer className="pub-footer">
          {data && <div>今天是 {formatDateZh(data.today)}</div>}
          <div className="pub-footer-links">
            <a href={`/api/public/estates/${id}/poster`} target="_blank" rel="noopener" data-testid="public-poster-link">
              打印二维码海报
            </a>
            <a href="/login" data-testid="public-login-link">
              登录（业主投票、工作人员）
            </a>
          </div>
        </footer>
      </main>
    </div>
  );
}
