import { Tag } from 'antd';
import { PARTY_STATUS_LABEL, type PartyStatus } from '../../../core/registry';

export function PartyStatusTag({ status }: { status: PartyStatus }) {
  if (status === 'none') return <Tag>{PARTY_STATUS_LABEL.none}</Tag>;
  return <Tag color={status === 'full' ? 'red' : 'volcano'}>{PARTY_STATUS_LABEL[status]}</Tag>;
}
