import { Alert, Button, Card, Empty, List, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BODY_KIND_LABEL, type BodyKind } from '../../../core/coordination';
import { api } from '../api';
import { useSession } from '../auth/session';
import { showError, toast } from '../shared/feedback';
import { formatDateZh } from '../../../core/dates';
import { useApi } from '../shared/useApi';
import { MeetingCreateModal, MembersModal } from './BodyModals';
import type { Body } from './types';

/** Each body in reach: its member organisations and its meetings, with 安排会议 and 成员单位 for its convenors. */
export function BodiesTab() {
  const { me } = useSession();
  const bodies = useApi<{ items: Body[] }>('/api/coordination/bodies');
  const [dialog, setDialog] = useState<{ kind: 'meeting' | 'members'; body: Body } | null>(null);
  if (bodies.error) return <Alert type="error" showIcon title={bodies.error} />;
  if (!bodies.data) return <Spin />;
  // where the caller convenes and no body exists yet: a community's 四位一体, a street's 联席会议
  const missing = (me?.roles ?? [])
    .filter((r) => (r.role === 'communityStaff' && r.nodeKind === 'community') || (r.role === 'streetAdmin' && r.nodeKind === 'street'))
    .map((r) => ({ nodeId: r.nodeId, nodeName: r.nodeName, kind: (r.nodeKind === 'street' ? 'jointMeeting' : 'fourInOne') as BodyKind }))
    .filter((m) => !bodies.data!.items.some((b) => b.nodeId === m.nodeId && b.kind === m.kind));
  async function create(m: (typeof missing)[number]) {
    try {
      await api.post('/api/coordination/bodies', { kind: m.kind, nodeId: m.nodeId });
      toast('success', `已设立${BODY_KIND_LABEL[m.kind]}`);
      bodies.reload();
    } catch (e) {
      showError(e);
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {missing.map((m) => (
        <Alert
          key={`${m.kind}-${m.nodeId}`}
          type="info"
          showIcon
          title={`${m.nodeName}尚未设立${BODY_KIND_LABEL[m.kind]}`}
          action={
            <Button size="small" type="primary" onClick={() => void create(m)} data-testid={`body-create-${m.kind}`}>
              设立
            </Button>
          }
        />
      ))}
      {bodies.data.items.length === 0 && missing.length === 0 && <Empty description="范围内尚未设立议事协调机制" />}
      {bodies.data.items.map((b) => (
        <Card
          key={b.id}
          size="small"
          title={b.name}
          data-testid={`body-${b.id}`}
          extra={
            b.actions.includes('manage') && (
              <Space>
                <Button size="small" onClick={() => setDialog({ kind: 'members', body: b })} data-testid={`body-members-${b.id}`}>
                  成员单位
                </Button>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setDialog({ kind: 'meeting', body: b })}
                  data-testid={`body-meeting-${b.id}`}
                >
                  安排会议
                </Button>
              </Space>
            )
          }
        >
          <div style={{ marginBottom: 8 }}>
            {b.members
              .filter((m) => m.active)
              .map((m) => (
                <Tag key={m.id}>
                  {m.organisation}
                  {m.representative ? `（${m.representative}）` : ''}
                </Tag>
              ))}
          </div>
          <List
            size="small"
            dataSource={b.meetings.slice(0, 8)}
            locale={{ emptyText: '尚未召开会议' }}
            renderItem={(m) => (
              <List.Item extra={<Tag color={m.state === 'held' ? 'green' : 'blue'}>{m.stateLabel}</Tag>}>
                <Link to={`/coordination/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`}>
                  {formatDateZh(m.heldOn)} {m.title}
                </Link>
              </List.Item>
            )}
          />
        </Card>
      ))}
      {dialog?.kind === 'meeting' && <MeetingCreateModal body={dialog.body} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'members' && <MembersModal body={dialog.body} onClose={() => setDialog(null)} onDone={bodies.reload} />}
    </Space>
  );
}
