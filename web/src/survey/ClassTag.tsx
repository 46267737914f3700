import { Tag, Tooltip } from 'antd';
import type { EstateClassInfo } from './types';

const COLOR: Record<string, string> = { standard: 'green', pmc: 'blue', toForm: 'gold', problem: 'red', notNeeded: 'default' };

/** An estate's class, marked 街道调整 when the street set it, with its reason on hover and below. */
export function ClassTag({ c, testId, showReason }: { c: EstateClassInfo; testId: string; showReason?: boolean }) {
  return (
    <span>
      <Tooltip title={c.reason}>
        <Tag color={COLOR[c.classCode] ?? 'purple'} data-testid={testId}>
          {c.classLabel}
        </Tag>
      </Tooltip>
      {c.overridden && <Tag data-testid={`${testId}-overridden`}>街道调整</Tag>}
      {showReason && (
        <div className="muted" style={{ fontSize: 12 }} data-testid={`${testId}-reason`}>
          {c.reason}
        </div>
      )}
    </span>
  );
}
