import { Alert } from 'antd';
import type { Quorum } from '../../../core/committee';

/** The R32 quorum as a sentence: quorate, or why not. */
export function QuorumLine({ quorum: q, testId = 'quorum' }: { quorum: Quorum; testId?: string }) {
  const counts = `全体委员${q.members}人，出席${q.present}人；业主代表${q.ownerRepresentatives}人，出席${q.ownerRepresentativesPresent}人。`;
  return q.quorate ? (
    <Alert type="success" showIcon title={`达到法定人数。${counts}`} data-testid={`${testId}-ok`} />
  ) : (
    <Alert type="warning" showIcon title={`未达到法定人数。${counts}`} description={q.reasons.join('；')} data-testid={`${testId}-fail`} />
  );
}
