import { Tag } from 'antd';
import { STATE_COLOR, type Notice } from './types';

export function NoticeStateTag({ notice }: { notice: Pick<Notice, 'id' | 'state' | 'stateLabel'> }) {
  return (
    <Tag color={STATE_COLOR[notice.state] ?? 'default'} data-testid={`notice-state-${notice.id}`}>
      {notice.stateLabel}
    </Tag>
  );
}
