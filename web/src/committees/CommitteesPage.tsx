import { Alert, Card, Tabs } from 'antd';
import { useApi } from '../shared/useApi';
import { CommitteeTable } from './CommitteeTable';
import { TrainingTab } from './TrainingTab';
import type { CommitteeSummary } from './types';

/** 物管会（业委会）运行: every running committee in the caller's scope, PMC and owners' committee, with what needs attention. */
export default function CommitteesPage() {
  const list = useApi<{ items: CommitteeSummary[] }>('/api/committees');
  if (list.error) return <Alert type="error" showIcon title={list.error} />;
  return (
    <Card title="物管会（业委会）运行" data-testid="committees-page">
      <Tabs
        items={[
          { key: 'list', label: '委员会', children: list.data && <CommitteeTable items={list.data.items} loading={list.loading} /> },
          { key: 'training', label: '培训（R41）', children: <TrainingTab /> },
        ]}
      />
    </Card>
  );
}
