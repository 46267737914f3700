import { Tag } from 'antd';
import type { PartyBuildingStatus } from '../../../core/registry';

const COLOR: Record<PartyBuildingStatus, string> = {
  established: 'green',
  shouldEstablish: 'red',
  instructor: 'blue',
  needsInstructor: 'orange',
};

/** R39 party-building status of a company or project; 应建未建 in red. */
export function PartyStatusTag({ status, label, testId }: { status: PartyBuildingStatus; label: string; testId?: string }) {
  return (
    <Tag color={COLOR[status]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}
