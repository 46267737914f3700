import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { showError } from '../shared/feedback';

interface Notification {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

const POLL_MS = 60_000;
const timeText = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/** The bell: unread count, the latest notifications, mark read; polled while the tab is visible. */
export function NotificationBell() {
  const navigate = useNavigate();
  const [data, setData] = useState<{ unread: number; items: Notification[] } | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    api.get<{ unread: number; items: Notification[] }>('/api/notifications', { limit: 30 }).then(setData, () => {});
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const openItem = async (n: Notification) => {
    try {
      if (!n.read) await api.post(`/api/notifications/${n.id}/read`);
      setOpen(false);
      load();
      if (n.link) navigate(n.link);
    } catch (e) {
      showError(e);
    }
  };

  const readAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      load();
    } catch (e) {
      showError(e);
    }
  };

  const content = (
    <div style={{ width: 320, maxWidth: '80vw' }} data-testid="notification-list">
      {data && data.items.length > 0 ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => void openItem(n)}
              style={{ cursor: 'pointer', opacity: n.read ? 0.6 : 1 }}
              data-testid={`notification-item-${n.id}`}
            >
              <List.Item.Meta
                title={<span style={{ fontWeight: n.read ? 'normal' : 600 }}>{n.title}</span>}
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {n.body}
                    </Typography.Paragraph>
                    <span className="muted">{timeText(n.createdAt)}</span>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) load();
      }}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>通知</span>
          <Button type="link" size="small" disabled={!data?.unread} onClick={() => void readAll()} data-testid="notification-read-all">
            全部已读
          </Button>
        </div>
      }
      content={content}
    >
      <Button type="text" aria-label="通知" data-testid="notification-bell">
        <Badge count={data?.unread ?? 0} size="small" data-testid="notification-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
