import { Tabs, Typography } from 'antd';
import type { ReactElement } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { BodiesTab } from './BodiesTab';
import { BriefingTab } from './BriefingTab';
import { DisputesTab } from './DisputesTab';
import { RequestsTab } from './RequestsTab';
import { TasksTab } from './TasksTab';

/** 议事协调: the bodies and their meetings, the tasks they gave, the register of disputes, the monthly briefing. */
export default function CoordinationPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = [
    can('coordination.read') && { key: 'meetings', label: '会议', children: <BodiesTab /> },
    can('task.read') && { key: 'tasks', label: can('coordination.read') ? '交办任务' : '我的任务', children: <TasksTab /> },
    (can('coordination.request') || can('coordination.read')) && { key: 'requests', label: '提请事项', children: <RequestsTab /> },
    can('coordination.read') && { key: 'disputes', label: '矛盾纠纷', children: <DisputesTab /> },
    can('coordination.read') && { key: 'briefing', label: '情况通报', children: <BriefingTab /> },
  ].filter((x): x is { key: string; label: string; children: ReactElement } => Boolean(x));
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <div data-testid="coordination-page">
      <Typography.Title level={4}>议事协调</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
    </div>
  );
}
