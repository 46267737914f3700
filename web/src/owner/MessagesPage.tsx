import { useEffect, useState } from 'react';
import { api, isApiError } from '../api';
import { useLargeText } from './OwnerLayout';
import { whenText } from './types';
import { Callout, Card, Loading, Tag } from './ui';

interface Notification {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}
interface Sent {
  id: number;
  title: string;
  status: string;
  statusLabel: string;
  createdAt: string;
}
interface Settings {
  sms: boolean;
  largeText: boolean;
  mobile: string | null;
}

/** A link of a message: the owner's own pages in the app, the public board as a page of its own. */
const MessageLink = ({ to }: { to: string }) => <a href={to}>查看 →</a>;

/**
 * 消息与设置 (issue 19): the messages the owner was sent in the app (all of them), the record of what
 * also went by SMS, and the owner's switches: SMS on or off, large text.
 */
export default function MessagesPage() {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [sent, setSent] = useState<Sent[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [large, setLarge] = useLargeText();
  useEffect(() => {
    const fail = (e: unknown) => setError(isApiError(e) ? e.message : '加载失败，请稍后重试');
    api.get<{ items: Notification[] }>('/api/notifications').then((r) => setItems(r.items), fail);
    api.get<{ items: Sent[] }>('/api/my/messages').then((r) => setSent(r.items), fail);
    api.get<Settings>('/api/my/settings').then(setSettings, fail);
  }, []);

  async function readAll() {
    await api.post('/api/notifications/read-all');
    setItems((xs) => xs?.map((x) => ({ ...x, read: true })) ?? null);
  }
  async function setSms(sms: boolean) {
    try {
      setSettings(await api.put<Settings>('/api/my/settings', { sms }));
    } catch (e) {
      setError(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  if (error) return <Callout tone="bad">{error}</Callout>;
  if (!items) return <Loading />;
  return (
    <div className="o-stack">
      <Card
        title="我的消息"
        testId="owner-messages"
        aside={
          items.some((x) => !x.read) && (
            <button type="button" className="o-button" onClick={() => void readAll()} data-testid="messages-read-all">
              全部标为已读
            </button>
          )
        }
      >
        {items.length === 0 && <p className="o-muted">还没有消息。</p>}
        <ul className="o-list">
          {items.map((n) => (
            <li key={n.id} className={`o-row${n.read ? '' : ' o-row-todo'}`} data-testid={`message-${n.id}`}>
              <div className="o-row-link">
                <span className="o-row-title">
                  {!n.read && <Tag tone="info">未读</Tag>} {n.title}
                </span>
                <span className="o-row-detail">{n.body}</span>
                <span className="o-row-detail">
                  {whenText(n.createdAt)} {n.link && <MessageLink to={n.link} />}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="设置" testId="owner-settings">
        <div id="settings" />
        <label className="o-switch">
          <input type="checkbox" checked={large} onChange={(e) => setLarge(e.target.checked)} data-testid="settings-large-text" />
          <span>大字模式（字更大，按钮更大）</span>
        </label>
        {settings && (
          <label className="o-switch">
            <input type="checkbox" checked={settings.sms} onChange={(e) => void setSms(e.target.checked)} data-testid="settings-sms" />
            <span>同时发短信通知{settings.mobile ? `（${settings.mobile}）` : '（未登记手机号，只在平台内通知）'}</span>
          </label>
        )}
        <p className="o-small o-muted">平台内的消息总会发送；关闭短信后，投票开始、截止提醒、结果公布和公告只在这里显示。</p>
      </Card>
      {sent.length > 0 && (
        <Card title="短信发送记录" testId="owner-sent">
          <ul className="o-plain-list">
            {sent.map((m) => (
              <li key={m.id}>
                {whenText(m.createdAt)} {m.title} — {m.statusLabel}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
