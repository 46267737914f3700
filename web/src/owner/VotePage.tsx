import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateZh } from '../../../core/dates';
import { api, isApiError } from '../api';
import { BallotForm } from './BallotForm';
import { MyBallot } from './MyBallot';
import { daysLeftText, OUTCOME_TEXT, type OwnerDecision } from './types';
import { Callout, Card, Loading, Tag } from './ui';

function Outcomes({ d }: { d: OwnerDecision }) {
  if (!d.result) return null;
  return (
    <div data-testid={`vote-result-${d.id}`}>
      <h3 className="o-subtitle">表决结果</h3>
      <ul className="o-choices">
        {d.result.motions.map((m) => (
          <li key={m.code}>
            <span>{m.title}</span>
            {m.outcome ? (
              <Tag tone={m.outcome === 'passed' ? 'good' : 'bad'}>{OUTCOME_TEXT[m.outcome]}</Tag>
            ) : (
              <strong>
                当选：
                {m.election?.candidates
                  .filter((c) => c.elected)
                  .map((c) => c.name)
                  .join('、') || '无'}
              </strong>
            )}
            {m.result && (
              <span className="o-small o-muted">
                参与 {m.result.NP}/{m.result.NT} 人，同意 {m.result.NY} 人（面积 {m.result.AY}/{m.result.AP} ㎡）
              </span>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/public/estates/${d.estateId}#decision-${d.id}`}>公告栏上的结果公告与计票文件 →</a>
      </p>
    </div>
  );
}

function VoteCard({ d, onCast }: { d: OwnerDecision; onCast: () => void }) {
  const [cast, setCast] = useState<string[] | null>(null);
  return (
    <Card
      testId={`vote-card-${d.id}`}
      title={d.title}
      aside={
        <span className="o-row-tags">
          <Tag tone={d.state === 'voting' ? 'info' : d.state === 'published' ? 'good' : 'plain'}>{d.stateLabel}</Tag>
          {d.state === 'voting' && <Tag tone={d.daysLeft !== null && d.daysLeft <= 3 ? 'warn' : 'plain'}>{daysLeftText(d.daysLeft)}</Tag>}
        </span>
      }
    >
      <p className="o-muted">
        {d.estateName} · {d.organiser}
        {d.opensOn && d.closesOn && ` · 投票期 ${formatDateZh(d.opensOn)}至${formatDateZh(d.closesOn)}`}
        {d.secretBallot ? ' · 无记名表决（公开的计票文件不含房号）' : ''}
      </p>
      {d.units.length > 0 && <p>您表决的房屋：{d.units.map((u) => `${u.room}（${u.area} ㎡）`).join('、')}</p>}
      {cast && (
        <Callout tone="good" testId="vote-receipt">
          投票成功。请记下或截图保存回执码，凭它可在小区公告栏核对您的表决票。
        </Callout>
      )}
      {d.canVote && !cast ? (
        <BallotForm
          d={d}
          onCast={(codes) => {
            setCast(codes);
            onCast();
          }}
        />
      ) : (
        <>
          {d.ballots.length > 0 ? (
            <div data-testid="vote-already">
              <h3 className="o-subtitle">我的表决票</h3>
              {d.ballots.map((b) => (
                <MyBallot key={b.code} b={b} estateId={d.estateId} />
              ))}
            </div>
          ) : (
            d.whyNot && <Callout>{d.whyNot}</Callout>
          )}
          {d.state !== 'voting' && d.motions.length > 0 && !d.result && (
            <ul className="o-plain-list">
              {d.motions.map((m, i) => (
                <li key={m.code}>
                  {i + 1}. {m.title}
                </li>
              ))}
            </ul>
          )}
          <Outcomes d={d} />
        </>
      )}
    </Card>
  );
}

/**
 * 参与表决 (issue 19): one decision (/vote/:id, from the home or a message) or all of the owner's;
 * the ballot while they can vote; afterwards their own ballot with its receipt, and the result.
 */
export default function VotePage() {
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const [data, setData] = useState<{ bound: boolean; items: OwnerDecision[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .get<{ bound: boolean; items: OwnerDecision[] }>('/api/my/decisions')
      .then(setData, (e: unknown) => setError(isApiError(e) ? e.message : '加载失败，请稍后重试'));
  }, []);
  useEffect(load, [load]);
  if (error) return <Callout tone="bad">{error}</Callout>;
  if (!data) return <Loading />;
  if (!data.bound)
    return (
      <Callout tone="warn">
        请先核验业主身份，核验通过后即可参与本小区的业主共同决定。<Link to="/my-units">去核验</Link>
      </Callout>
    );
  const items = id ? data.items.filter((d) => d.id === id) : data.items;
  if (items.length === 0) return <Callout>{id ? '没有找到这次表决，或它不在您的小区。' : '目前没有需要您参加的表决。'}</Callout>;
  return (
    <div className="o-stack" data-testid="vote-page">
      {id && <Link to="/vote">← 全部表决</Link>}
      {items.map((d) => (
        <VoteCard key={d.id} d={d} onCast={load} />
      ))}
    </div>
  );
}
