import { Timeline } from 'antd';
import { formatTime } from '../shared/format';
import type { TicketEvent } from './types';

/** Every step of the ticket, transfers and escalations included, with who took it and its photos. */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={events.map((e) => ({
        color: e.action === 'escalate' ? 'red' : e.action === 'rate' ? 'green' : 'blue',
        content: (
          <div data-testid={`ticket-event-${e.action}`}>
            <div>
              <b>{e.actionLabel}</b> → {e.toStateLabel}
              <span className="muted" style={{ marginLeft: 8 }}>
                {formatTime(e.at).slice(0, 16)} {e.actor ?? ''}
              </span>
            </div>
            {e.handler && <div>承办：{e.handler}</div>}
            {e.satisfactionLabel && <div>评价：{e.satisfactionLabel}</div>}
            {e.note && <div>{e.note}</div>}
            {e.photos.length > 0 && (
              <div className="tk-photos">
                {e.photos.map((p) => (
                  <a key={p} href={`/api/ticket-photos/${p}`} target="_blank" rel="noopener">
                    <img src={`/api/ticket-photos/${p}`} alt="现场照片" />
                  </a>
                ))}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
