import { Empty } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatTime } from '../shared/format';
import { TicketStateTag } from './TicketStateTag';
import type { TicketListItem } from './types';

/** Tickets as cards (a phone, an owner's own list). */
export function TicketCards({ items }: { items: TicketListItem[] }) {
  const navigate = useNavigate();
  if (items.length === 0) return <Empty description="还没有诉求" />;
  return (
    <div className="tk-card-list">
      {items.map((t) => (
        <div key={t.id} className="tk-card" onClick={() => navigate(`/tickets/${t.id}`)} data-testid={`ticket-card-${t.id}`}>
          <div className="tk-card-title">{t.title}</div>
          <div>
            <TicketStateTag state={t.state} label={t.stateLabel} overdue={t.overdue} escalation={t.escalationLabel} />
            {t.satisfactionLabel && <span>评价：{t.satisfactionLabel}</span>}
          </div>
          <div className="tk-card-meta">
            <span>{t.kindName}</span>
            <span>{t.place}</span>
            <span>{formatTime(t.raisedAt).slice(0, 16)}</span>
            <span>{t.handler}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
