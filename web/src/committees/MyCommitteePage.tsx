import { Alert, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { SEAT_LABEL } from '../../../core/committee';
import { formatDateZh } from '../../../core/dates';
import { api } from '../api';
import { showError, toast } from '../shared/feedback';
import { useApi } from '../shared/useApi';
import type { MySeat } from './types';

/** 我的委员会 (phone): the committees I sit on and the resolutions waiting for my signature. */
export default function MyCommitteePage() {
  const mine = useApi<{ items: MySeat[] }>('/api/committees/mine');
  if (mine.error) return <Alert type="error" showIcon title={mine.error} />;
  if (!mine.data) return <Spin />;
  const sign = async (id: number) => {
    try {
      const r = await api.post<{ adoption: { adopted: boolean; signed: number; members: number } }>(
        `/api/committee-resolutions/${id}/sign`,
        {},
      );
      toast(
        'success',
        r.adoption.adopted
          ? `已签字，决议已通过（${r.adoption.signed}/${r.adoption.members}）`
          : `已签字（${r.adoption.signed}/${r.adoption.members}）`,
      );
      mine.reload();
    } catch (e) {
      showError(e);
    }
  };
  if (mine.data.items.length === 0) return <Empty description="您目前不是任何委员会的委员" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-committee-page">
      {mine.data.items.map((s) => (
        <Card
          key={`${s.kind}-${s.committeeId}`}
          size="small"
          title={
            <Space wrap>
              {s.estateName}
              {s.kindLabel}
              <Tag>{SEAT_LABEL[s.seat]}</Tag>
            </Space>
          }
          extra={<Link to={`/committees/${s.kind}/${s.committeeId}`}>委员会</Link>}
        >
          {s.suspendedOn && (
            <Alert type="error" showIcon title={`您已于${formatDateZh(s.suspendedOn)}起被暂停履行委员职责，不能出席会议或签字（R35）`} />
          )}
          <List
            header="待我签字的决议"
            dataSource={s.suspendedOn ? [] : s.toSign}
            locale={{ emptyText: '没有待签字的决议' }}
            renderItem={(r) => (
              <List.Item data-testid={`tosign-${r.id}`}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text strong>{r.title}</Typography.Text>
                  <Typography.Text>{r.text}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.meetingTitle}（{formatDateZh(r.heldOn)}）
                  </Typography.Text>
                  <Button type="primary" block onClick={() => sign(r.id)} data-testid={`tosign-${r.id}-sign`}>
                    签字同意
                  </Button>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
