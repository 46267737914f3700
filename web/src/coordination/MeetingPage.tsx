import { Alert, Button, Card, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import { AgendaModal, RecordModal, ResolutionModal } from './MeetingModals';
import { TaskTable } from './TaskTable';
import type { Meeting } from './types';

/** One meeting: its agenda (picked from what the platform knows), attendance and minutes, resolutions and the tasks they gave. */
export default function MeetingPage() {
  const id = Number(useParams().id);
  const m = useApi<Meeting>(`/api/coordination/meetings/${id}`);
  const [dialog, setDialog] = useState<'agenda' | 'record' | 'resolve' | null>(null);
  if (m.error) return <Alert type="error" showIcon title={m.error} />;
  if (!m.data) return <Spin />;
  const d = m.data;
  const can = (a: string) => d.actions.includes(a);
  const done = (next?: Meeting) => (next ? m.setData(next) : m.reload());
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="meeting-page">
      <Card
        title={
          <Space wrap>
            {d.title}
            <Tag color={d.state === 'held' ? 'green' : 'blue'} data-testid="meeting-state">
              {d.stateLabel}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {can('record') && (
              <Button onClick={() => setDialog('record')} data-testid="meeting-record">
                {d.state === 'held' ? '修改出席与纪要' : '登记出席与纪要'}
              </Button>
            )}
            {d.state === 'held' && (
              <Button href={`/api/coordination/meetings/${d.id}/minutes.docx`} data-testid="meeting-minutes-docx">
                会议纪要（.docx）
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'b', label: '会议', children: d.body.name },
            { key: 'd', label: '日期', children: formatDateZh(d.heldOn) },
            { key: 'c', label: '召集人', children: d.convenor ?? '—' },
            { key: 'l', label: '地点', children: d.location ?? '—' },
            {
              key: 'a',
              label: '出席',
              children:
                d.state === 'held'
                  ? d.members
                      .filter((x) => x.present)
                      .map((x) => `${x.organisation}${x.attendee ? `（${x.attendee}）` : ''}`)
                      .join('、')
                  : '待登记',
            },
          ]}
        />
        {d.minutes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.minutes}</Typography.Paragraph>}
      </Card>
      <Card
        size="small"
        title="议题"
        extra={
          can('editAgenda') && (
            <Button size="small" onClick={() => setDialog('agenda')} data-testid="meeting-add-agenda">
              列入议题
            </Button>
          )
        }
      >
        <List
          size="small"
          dataSource={d.agenda}
          locale={{ emptyText: '尚无议题' }}
          renderItem={(a, i) => (
            <List.Item data-testid={`agenda-${a.id}`}>
              <Space direction="vertical" size={0}>
                <span>
                  {i + 1}. {a.title} <Tag>{a.sourceLabel}</Tag>
                </span>
                {a.note && <span className="muted">{a.note}</span>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title="决议与交办任务"
        extra={
          can('resolve') && (
            <Button size="small" type="primary" onClick={() => setDialog('resolve')} data-testid="meeting-resolve">
              形成决议
            </Button>
          )
        }
      >
        {d.resolutions.length === 0 && <Empty description={d.state === 'held' ? '尚无决议' : '会议召开后形成决议'} />}
        {d.resolutions.map((r, i) => (
          <div key={r.id} style={{ marginBottom: 12 }} data-testid={`resolution-${r.id}`}>
            <Typography.Text strong>
              决议{i + 1}：{r.text}
            </Typography.Text>
            {r.tasks.length > 0 && <TaskTable tasks={r.tasks} onChange={m.reload} showMeeting={false} />}
          </div>
        ))}
      </Card>
      {dialog === 'agenda' && <AgendaModal meeting={d} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'record' && <RecordModal meeting={d} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'resolve' && <ResolutionModal meeting={d} onClose={() => setDialog(null)} onDone={done} />}
    </Space>
  );
}
