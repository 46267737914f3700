import { useEffect, useState } from 'react';
import { api, setCsrfToken } from '../api';
import type { Me } from '../auth/types';
import type { Board } from '../disclosures/types';
import { PublicDisclosureItem } from './PublicDisclosureItem';

/**
 * 物业监督台 on the estate's public page (R38, no login): the ten items in the seed's order with
 * their state; a logged-in owner may ask about an item (质询) right here on the phone.
 */
export function PublicDisclosures({ estateId }: { estateId: number }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [canAsk, setCanAsk] = useState(false);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api.get<Board>(`/api/public/estates/${estateId}/disclosures`).then(setBoard, () => setBoard(null));
  }, [estateId, version]);
  useEffect(() => {
    fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<Me>) : null))
      .then((me) => {
        if (!me?.permissions.includes('owner.self')) return;
        setCsrfToken(me.csrfToken);
        setCanAsk(true);
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    // a link to the board (#disclosures, from the owner's home) or to one item scrolls there once it is shown
    if (board && /^#disclosure/.test(location.hash)) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [board]);
  if (!board) return null;
  const counts = (s: string) => board.items.filter((i) => i.status === s).length;
  return (
    <section data-testid="public-disclosures" id="disclosures">
      <h2 className="pub-section-title">
        物业监督台 · 十公开 <span className="pub-count">{board.items.length}</span>
      </h2>
      <div className="pub-callout pub-callout-info" data-testid="disclosure-summary">
        已更新 {counts('current')} 项，待更新 {counts('stale')} 项，未公开 {counts('missing')} 项
      </div>
      {board.items.map((i) => (
        <PublicDisclosureItem key={i.key} i={i} estateId={estateId} canAsk={canAsk} onChange={() => setVersion((v) => v + 1)} />
      ))}
    </section>
  );
}
