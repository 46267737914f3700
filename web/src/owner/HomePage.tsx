import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api, isApiError } from '../api';
import { daysLeftText, type HomeVote, type OwnerHomeData } from './types';
import { Callout, Card, Loading, Tag } from './ui';

function VoteRow({ v }: { v: HomeVote }) {
  const open = v.state === 'voting';
  return (
    <li className={`o-row${v.canVote ? ' o-row-todo' : ''}`} data-testid={`home-vote-${v.id}`}>
      <Link to={`/vote/${v.id}`} className="o-row-link">
        <span className="o-row-title">{v.title}</span>
        <span className="o-row-tags">
          <Tag tone={open ? 'info' : v.state === 'published' ? 'good' : 'plain'}>{v.stateLabel}</Tag>
          {open && <Tag tone={v.daysLeft !== null && v.daysLeft <= 3 ? 'warn' : 'plain'}>{daysLeftText(v.daysLeft)}</Tag>}
          {v.voted ? (
            <Tag tone="good" testId={`home-vote-voted-${v.id}`}>
              已投票
            </Tag>
          ) : v.canVote ? (
            <Tag tone="bad" testId={`home-vote-todo-${v.id}`}>
              未投票
            </Tag>
          ) : null}
        </span>
        <span className="o-row-detail">
          {v.estateName}
          {v.opensOn && v.closesOn && ` · 投票期 ${formatDateZh(v.opensOn)}至${formatDateZh(v.closesOn)}`}
        </span>
        <span className="o-row-go">{v.canVote ? '去投票' : v.voted ? '看我的表决票' : '查看'}</span>
      </Link>
    </li>
  );
}

/**
 * 我的首页 (issue 19): what an owner comes for, on one phone screen — what they can vote on first,
 * with the days left; then what others ask of them (evaluations, questions) and their tickets, as
 * their capabilities add sections; the latest notices of their estates; their units.
 */
export default function HomePage() {
  const [data, setData] = useState<OwnerHomeData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<OwnerHomeData>('/api/my/home').then(setData, (e: unknown) => setError(isApiError(e) ? e.message : '加载失败，请稍后重试'));
  }, []);
  if (error) return <Callout tone="bad">{error}</Callout>;
  if (!data) return <Loading />;
  const open = data.votes.filter((v) => v.state === 'voting' || v.state === 'announced');
  const done = data.votes.filter((v) => v.state === 'closed' || v.state === 'published').slice(0, 3);
  return (
    <div className="o-stack" data-testid="owner-home">
      <h1 className="o-title">{data.displayName}，您好</h1>
      {!data.bound && (
        <Callout tone="warn" testId="home-unbound">
          您的账号还没有与业主名册关联，暂时不能投票。<Link to="/my-units">去核验业主身份</Link>
        </Callout>
      )}
      {data.unread > 0 && (
        <Link to="/messages" className="o-banner" data-testid="home-unread">
          您有 {data.unread} 条未读消息
        </Link>
      )}
      <Card title="表决" testId="home-votes">
        {open.length === 0 && <p className="o-muted">目前没有正在进行的表决。</p>}
        <ul className="o-list">
          {open.map((v) => (
            <VoteRow key={v.id} v={v} />
          ))}
        </ul>
        {done.length > 0 && (
          <>
            <h3 className="o-subtitle">已结束</h3>
            <ul className="o-list">
              {done.map((v) => (
                <VoteRow key={v.id} v={v} />
              ))}
            </ul>
          </>
        )}
      </Card>
      {data.sections.map((s) => (
        <Card key={s.key} title={s.title} testId={`home-section-${s.key}`}>
          <ul className="o-list">
            {s.items.map((i) => (
              <li key={i.id} className={`o-row${i.waiting ? ' o-row-todo' : ''}`}>
                {i.link ? (
                  <Link to={i.link} className="o-row-link">
                    <span className="o-row-title">{i.title}</span>
                    {i.detail && <span className="o-row-detail">{i.detail}</span>}
                  </Link>
                ) : (
                  <span className="o-row-link">
                    <span className="o-row-title">{i.title}</span>
                    {i.detail && <span className="o-row-detail">{i.detail}</span>}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {s.action && (
            <Link to={s.action.link} className="o-action" data-testid={`home-action-${s.key}`}>
              {s.action.label}
            </Link>
          )}
        </Card>
      ))}
      <Card title="最新公告" testId="home-notices">
        {data.notices.length === 0 && <p className="o-muted">暂无公告。</p>}
        <ul className="o-list">
          {data.notices.map((n) => (
            <li key={n.id} className="o-row">
              <a href={`/public/estates/${n.estateId}#notice-${n.id}`} className="o-row-link">
                <span className="o-row-title">{n.title}</span>
                <span className="o-row-detail">
                  {n.node}
                  {n.publishDate && ` · ${formatDateZh(n.publishDate)}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {data.estates.map((e) => (
          <p key={e.id}>
            <a href={`/public/estates/${e.id}`} data-testid={`home-board-${e.id}`}>
              {e.name}公告栏与表决结果 →
            </a>
            <br />
            <a href={`/public/estates/${e.id}#disclosures`} data-testid={`home-disclosures-${e.id}`}>
              物业监督台（十公开、质询）→
            </a>
          </p>
        ))}
      </Card>
      {data.units.length > 0 && (
        <Card title="我的房屋" testId="home-units">
          <ul className="o-plain-list">
            {data.units.map((u) => (
              <li key={u.id}>
                {u.estateName} {u.label}（{u.area} ㎡）
              </li>
            ))}
          </ul>
          <Link to="/my-units">房屋与共有人详情 →</Link>
        </Card>
      )}
    </div>
  );
}
