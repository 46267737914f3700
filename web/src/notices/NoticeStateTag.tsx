import { Tag, Tooltip } from 'antd';
import { formatDateZh } from '../../../core/dates';
import { STATE_COLOR, type Notice } from './types';

/** A notice's state, and 补录 where it was recorded after its posting day (shown wherever the notice is). */
export function NoticeStateTag({ notice }: { notice: Pick<Notice, 'id' | 'state' | 'stateLabel'> & Partial<Pick<Notice, 'backdate'>> }) {
  const b = notice.backdate;
  return (
    <>
      <Tag color={STATE_COLOR[notice.state] ?? 'default'} data-testid={`notice-state-${notice.id}`}>
        {notice.stateLabel}
      </Tag>
      {b && (
        <Tooltip title={`${b.reason}${b.recordedOn ? `（${formatDateZh(b.recordedOn)}补录）` : ''}`}>
          <Tag color="gold" data-testid={`notice-backdate-${notice.id}`}>
            {b.label}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
