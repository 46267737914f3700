import { Empty } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { ResultView } from './ResultView';
import type { Result } from './types';

interface PublicDecision {
  id: number;
  title: string;
  organiser: string;
  opensOn: string;
  closesOn: string;
  publishedOn: string;
  sha256: string;
  result: Result;
}

/** The estate's public board: published decisions with their results, the tally file and its hash, the Word notice. */
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
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无已公布的表决结果" className="pub-empty" />
      ) : (
        items.map((d) => (
          <article key={d.id} className="pub-card" data-testid={`public-decision-${d.id}`}>
            <h3>{d.title}</h3>
            <p>
              {d.organiser} · 投票期 {d.opensOn} 至 {d.closesOn} · {d.publishedOn} 公布
            </p>
            <ResultView result={d.result} />
            <p>
              <a href={`/api/public/decisions/${d.id}/tally.json`} data-testid={`public-tally-${d.id}`}>
                下载计票文件
              </a>
              （不含姓名和电话，可按《中华人民共和国民法典》第二百七十八条的表决规则自行复算） ·{' '}
              <a href={`/api/public/decisions/${d.id}/result.docx`}>结果公告（Word）</a> ·{' '}
              <a href={`/api/public/decisions/${d.id}/voters`}>已投票房屋（房号和面积）</a>
            </p>
          </article>
        ))
      )}
    </section>
  );
}
