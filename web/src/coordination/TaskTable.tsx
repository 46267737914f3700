import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { TaskActions } from './TaskActions';
import type { Task } from './types';

const stateColor = (t: Task) =>
  t.overdue ? 'red' : t.state === 'open' ? 'blue' : t.state === 'done' ? 'orange' : t.state === 'confirmed' ? 'green' : 'default';

/** Tasks with their organisation, deadline (working days from the meeting), state and what the caller may do. */
export function TaskTable({ tasks, onChange, showMeeting = true }: { tasks: Task[]; onChange(): void; showMeeting?: boolean }) {
  return (
    <Table<Task>
      rowKey="id"
      size="small"
      dataSource={tasks}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      columns={[
        {
          title: '任务',
          key: 'title',
          render: (_, t) => (
            <div data-testid={`task-${t.id}`}>
              <div>{t.title}</div>
              {showMeeting && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Link to={`/coordination/meetings/${t.meetingId}`}>{t.meetingTitle}</Link>：{t.resolution}
                </Typography.Text>
              )}
              {t.notes.map((n, i) => (
                <div key={i} className="muted" style={{ fontSize: 12 }}>
                  · {n.note}
                </div>
              ))}
              {t.doneNote && <div style={{ fontSize: 12 }}>办结情况：{t.doneNote}</div>}
            </div>
          ),
        },
        { title: '承办单位', key: 'org', width: 180, render: (_, t) => `${t.organisation}${t.assignee ? `（${t.assignee}）` : ''}` },
        {
          title: '期限',
          key: 'due',
          width: 150,
          render: (_, t) => (
            <span>
              {formatDateZh(t.dueOn)}
              <div className="muted" style={{ fontSize: 12 }}>
                {t.dueWorkdays}个工作日{t.calendarComplete ? '' : '（日历未录入，按周一至周五推算）'}
              </div>
            </span>
          ),
        },
        {
          title: '状态',
          key: 'state',
          width: 110,
          render: (_, t) => (
            <Tag color={stateColor(t)} data-testid={`task-state-${t.id}`}>
              {t.stateLabel}
            </Tag>
          ),
        },
        { title: '操作', key: 'actions', width: 200, fixed: 'right', render: (_, t) => <TaskActions task={t} onChange={onChange} /> },
      ]}
    />
  );
}
