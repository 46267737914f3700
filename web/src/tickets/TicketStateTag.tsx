import { Tag } from 'antd';
import type { TicketState } from '../../../core/tickets';
import { STATE_COLOR } from './types';

export function TicketStateTag({
  state,
  label,
  overdue,
  escalation,
}: {
  state: TicketState;
  label: string;
  overdue?: boolean;
  escalation?: string;
}) {
  return (
    <>
      <Tag color={STATE_COLOR[state]} data-testid="ticket-state">
        {label}
      </Tag>
      {overdue && (
        <Tag color="red" data-testid="ticket-overdue">
          已逾期{escalation ? ` · ${escalation}` : ''}
        </Tag>
      )}
    </>
  );
}
