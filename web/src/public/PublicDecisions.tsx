import { useEffect, useState } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';

interface PublicDecision {
  id: number;
  title: string;
  organiser: string;
  opensOn: string;
  closesOn: string;
  publishedOn: string;
  sha256: string;
  result: {
    totals: { heads: number; area: string };
    motions: {
      code: string;
      title: string;
      outcome: 'passed' | 'rejected' | 'no_quorum' | null;
      result: { NP: number; AP: string; NY: number; AY: string } | null;
      election: { seats: number; candidates: { code: string; name: string; elected: boolean; NY: number; AY: string }[] } | null;
    }[];
  };
}

const OUTCOME = { passed: ['通过', 'good'], rejected: ['未通过', 'bad'], no_quorum: ['未达到参与表决门槛', 'warn'] } as const;

/** The estate's published decisions on its public board: the outcome of each motion, the tally file with its hash, the notice. */
export function PublicDecisions({ estateId }: { estateId: number }) {
  const [items, setItems] = useState<PublicDecision[] | null>(null);
  useEffect(() => {
    api.get<{ items: PublicDecision[] }>(`/api/public/estates/${estateId}/decisions`).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [estateId]);
  if (!items) return null;
  return (
    <section data-testid="public-decisions">
      <h2 className="pub-section-title">
        业主共同决定结果 <span className="pub-count">{items.length}</span>
      </h2>
      {items.length === 0 && <p className="pub-empty">暂无已公布的表决结果</p>}
      {items.map((d) => (
        <article key={d.id} id={`decision-${d.id}`} className="pub-card" data-testid={`public-decision-${d.id}`}>
          <h3 className="pub-notice-title">{d.title}</h3>
          <p className="pub-muted">
            {d.organiser} · 投票期 {formatDateZh(d.opensOn)}至{formatDateZh(d.closesOn)} · {formatDateZh(d.publishedOn)}公布 · 业主总人数{' '}
            {d.result.totals.heads} 人，总面积 {d.result.totals.area} ㎡
          </p>
          <ul className="pub-outcomes" data-testid="decision-result">
            {d.result.motions.map((m) => (
              <li key={m.code}>
                <span>{m.title}</span>
                {m.outcome ? (
                  <span className={`o-tag o-tag-${OUTCOME[m.outcome][1]}`} data-testid={`result-outcome-${m.code}`}>
                    {OUTCOME[m.outcome][0]}
                  </span>
                ) : (
                  <strong>
                    当选：
                    {m.election?.candidates
                      .filter((c) => c.elected)
                      .map((c) => c.name)
                      .join('、') || '无'}
                  </strong>
                )}
                {m.result && (
                  <span className="pub-muted">
                    参与 {m.result.NP} 人（{m.result.AP} ㎡），同意 {m.result.NY} 人（{m.result.AY} ㎡）
                  </span>
                )}
              </li>
            ))}
          </ul>
          <p className="pub-muted">
            <a href={`/api/public/decisions/${d.id}/tally.json`} data-testid={`public-tally-${d.id}`}>
              下载计票文件
            </a>
            （不含姓名和电话，可用 <code>npx gongzhi tally</code> 按民法典第二百七十八条的表决规则自行复算） ·{' '}
            <a href={`/api/public/decisions/${d.id}/result.docx`}>结果公告（Word）</a> ·{' '}
            <a href={`/api/public/decisions/${d.id}/voters`}>已投票房屋（房号和面积）</a>
          </p>
          <p className="pub-sha">
            SHA-256：<code data-testid="decision-result-sha">{d.sha256}</code>
          </p>
        </article>
      ))}
    </section>
  );
}
