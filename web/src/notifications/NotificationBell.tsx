import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, List, Popover, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { useSession } from '../auth/session';
import { showError } from '../shared/feedback';
import { formatTime } from '../shared/format';
import { useIsMobile } from '../shared/useIsMobile';
import './notifications.css';

/** One entry of GET /api/notifications */
interface Notification {
  id: number;
  title: string;
  body: string;
  /** an in-app path such as /notices/12 */
  link: string | null;
  createdAt: string;
  read: boolean;
}

interface Inbox {
  unread: number;
  items: Notification[];
}

const POLL_MS = 60_000;
const LIMIT = 50;

/** Beijing time without seconds: 2026-11-27 09:30 */
const timeText = (iso: string) => formatTime(iso).slice(0, 16);

/**
 * The bell in the header: the unread count, the latest notifications, open one to mark it read
 * and follow its link, or mark all read. Polled every minute while the tab is visible, at once
 * when the tab comes back, and afresh for whoever logs in.
 */
export function NotificationBell() {
  const { me } = useSession();
  const userId = me?.id;
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // Answers arriving out of order (a poll overtaken by a click) must not bring back an old count.
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    api.get<Inbox>('/api/notifications', { limit: LIMIT }).then(
      (r) => mine === seq.current && setInbox(r),
      () => undefined, // a failed poll keeps the last count; a 401 already sends the user to log in
    );
  }, []);

  useEffect(() => {
    if (userId === undefined) return;
    setInbox(null);
    load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [userId, load]);

  const openItem = async (n: Notification) => {
    try {
      if (!n.read) {
        await api.post(`/api/notifications/${n.id}/read`);
        setInbox((d) => d && { unread: Math.max(0, d.unread - 1), items: d.items.map((x) => (x.id === n.id ? { ...x, read: true } : x)) });
      }
      load();
      if (n.link?.startsWith('/')) {
        setOpen(false);
        navigate(n.link);
      }
    } catch (e) {
      showError(e);
    }
  };

  const readAll = async () => {
    setBusy(true);
    try {
      await api.post('/api/notifications/read-all');
      setInbox((d) => d && { unread: 0, items: d.items.map((x) => ({ ...x, read: true })) });
      load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const unread = inbox?.unread ?? 0;
  const content = (
    <div className="bell-list" data-testid="notification-list">
      {!inbox ? (
        <div className="bell-empty">
          <Spin size="small" />
        </div>
      ) : inbox.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      ) : (
        <List
          size="small"
          dataSource={inbox.items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              className={n.read ? 'bell-item bell-item-read' : 'bell-item'}
              onClick={() => void openItem(n)}
              data-testid={`notification-item-${n.id}`}
            >
              <div className="bell-item-main">
                <div className="bell-item-title">
                  {!n.read && <Badge status="error" />}
                  <span>{n.title}</span>
                </div>
                <Typography.Paragraph ellipsis={{ rows: 2 }} className="bell-item-body">
                  {n.body}
                </Typography.Paragraph>
                <span className="muted bell-item-time">{timeText(n.createdAt)}</span>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  const head = (
    <div className="bell-head">
      <span>通知{unread > 0 ? `（${unread} 条未读）` : ''}</span>
      <Button
        type="link"
        size="small"
        disabled={unread === 0}
        loading={busy}
        onClick={() => void readAll()}
        data-testid="notification-read-all"
      >
        全部已读
      </Button>
    </div>
  );
  const show = (o: boolean) => {
    setOpen(o);
    if (o) load();
  };
  const bell = (
    <Button
      type="text"
      aria-label={unread > 0 ? `通知，${unread} 条未读` : '通知'}
      className="bell-button"
      onClick={mobile ? () => show(true) : undefined}
      data-testid="notification-bell"
    >
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-unread">
        <BellOutlined className="bell-icon" />
      </Badge>
    </Button>
  );

  // A phone has no room for a popover beside the bell: the list slides in over the page instead.
  if (mobile) {
    return (
      <>
        {bell}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size="100%"
          title={head}
          styles={{ body: { padding: '0 16px' } }}
          data-testid="notification-drawer"
        >
          {content}
        </Drawer>
      </>
    );
  }

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={show} title={head} content={content}>
      {bell}
    </Popover>
  );
}
