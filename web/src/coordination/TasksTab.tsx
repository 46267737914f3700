import { Alert, Segmented, Space, Spin } from 'antd';
import { useState } from 'react';
import { useApi } from '../shared/useApi';
import { TaskTable } from './TaskTable';
import type { Task } from './types';

const FILTERS = [
  { value: 'open', label: '办理中' },
  { value: 'overdue', label: '逾期' },
  { value: 'done', label: '待确认' },
  { value: 'closed', label: '已办结/转交' },
  { value: 'all', label: '全部' },
];

/** The tasks in reach: a department's or a company's own, a convenor's all. */
export function TasksTab() {
  const [filter, setFilter] = useState('open');
  const tasks = useApi<{ items: Task[] }>('/api/coordination/tasks', { filter });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented options={FILTERS} value={filter} onChange={(v) => setFilter(String(v))} data-testid="task-filter" />
      {tasks.error && <Alert type="error" showIcon title={tasks.error} />}
      {!tasks.data ? <Spin /> : <TaskTable tasks={tasks.data.items} onChange={tasks.reload} />}
    </Space>
  );
}
