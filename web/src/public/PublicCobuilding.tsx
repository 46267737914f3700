import { useEffect, useState } from 'react';
import { api } from '../api';

interface Data {
  stations: { id: number; name: string; place: string; openingHours: string }[];
  wishes: {
    id: number;
    title: string;
    content: string;
    stateLabel: string;
    claimer: string | null;
    fulfilledOn: string | null;
    fulfilNote: string | null;
    photos: number[];
  }[];
  pledges: {
    id: number;
    pledger: string;
    title: string;
    content: string;
    stateLabel: string;
    progress: { onDate: string; note: string }[];
  }[];
  vanguard: { post: string; holder: string; building: string | null }[];
}

/**
 * 联建共建 on the estate's public page (no login, no personal data: people by surname only): the
 * service points and their hours, wishes taken up and fulfilled, party members' pledges (亮诺) and
 * the 党员先锋岗.
 */
export function PublicCobuilding({ estateId }: { estateId: number }) {
  const [data, setData] = useState<Data | null>(null);
  useEffect(() => {
    api.get<Data>(`/api/public/estates/${estateId}/cobuilding`).then(setData, () => setData(null));
  }, [estateId]);
  if (!data) return null;
  const empty = !data.stations.length && !data.wishes.length && !data.pledges.length && !data.vanguard.length;
  if (empty) return null;
  return (
    <section data-testid="public-cobuilding">
      <h2 className="pub-section-title">联建共建</h2>
      {data.stations.map((s) => (
        <div key={s.id} className="pub-callout pub-callout-info">
          {s.name}：{s.place}，开放时间 {s.openingHours}
        </div>
      ))}
      {data.vanguard.length > 0 && (
        <article className="pub-notice" data-testid="public-vanguard">
          <h3 className="pub-notice-title">党员先锋岗</h3>
          {data.vanguard.map((v, i) => (
            <div key={i}>
              {v.post}
              {v.building ? `（${v.building}）` : ''}：{v.holder}
            </div>
          ))}
        </article>
      )}
      {data.pledges.map((p) => (
        <article key={p.id} className="pub-notice" data-testid={`public-pledge-${p.id}`}>
          <div className="pub-notice-tags">
            <span className="o-tag o-tag-bad">党员承诺</span>
            <span className={`o-tag o-tag-${p.stateLabel === '已兑现' ? 'good' : 'info'}`}>{p.stateLabel}</span>
          </div>
          <h3 className="pub-notice-title">{p.title}</h3>
          <div className="pub-notice-meta">{p.pledger}</div>
          <div className="pub-notice-body">{p.content}</div>
          {p.progress.map((x, i) => (
            <div key={i} className="pub-notice-meta">
              {x.onDate} {x.note}
            </div>
          ))}
        </article>
      ))}
      {data.wishes.map((w) => (
        <article key={w.id} className="pub-notice" data-testid={`public-wish-${w.id}`}>
          <div className="pub-notice-tags">
            <span className="o-tag o-tag-warn">微心愿</span>
            <span className="o-tag o-tag-plain">{w.stateLabel}</span>
          </div>
          <h3 className="pub-notice-title">{w.title}</h3>
          <div className="pub-notice-body">{w.content}</div>
          {w.claimer && <div className="pub-notice-meta">认领：{w.claimer}</div>}
          {w.fulfilNote && (
            <div className="pub-notice-meta">
              {w.fulfilledOn} 完成：{w.fulfilNote}
            </div>
          )}
          {w.photos.map((id) => (
            <img
              key={id}
              src={`/api/public/wish-photos/${id}`}
              alt="完成照片"
              style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6, marginRight: 6 }}
            />
          ))}
        </article>
      ))}
    </section>
  );
}
