import { Alert } from 'antd';
import { formatDateZh } from '../../../core/dates';
import type { Committee } from './types';

/** 构成不合规 (R22–R25): the failed rules and the deadline to put them right. */
export function ComplianceAlert({ compliance: c }: { compliance: Committee['compliance'] }) {
  if (c.ok) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="committee-noncompliant"
      title={`构成不合规：${c.failures.map((f) => f.message).join('；')}`}
      description={c.deadline ? `应于${formatDateZh(c.deadline)}前整改到位${c.overdue ? '（已逾期）' : ''}。` : undefined}
    />
  );
}
