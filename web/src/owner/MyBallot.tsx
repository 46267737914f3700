import { CHOICE_TEXT, groupedCode, whenText, type OwnBallot } from './types';
import { Tag } from './ui';

/**
 * The owner's own ballot (issue 19): what they chose, when, on which channel, by proxy or not, and the
 * receipt code that lets anyone check it on the estate's public board (before the result: recorded;
 * after: in the published tally file, with these choices).
 */
export function MyBallot({ b, estateId }: { b: OwnBallot; estateId: number }) {
  return (
    <div className="o-ballot-view" data-testid={`my-ballot-${b.code}`}>
      <dl className="o-facts">
        <dt>回执码</dt>
        <dd>
          <strong className="o-code" data-testid="vote-receipt-code">
            {groupedCode(b.code)}
          </strong>
        </dd>
        <dt>投票时间</dt>
        <dd>{whenText(b.castAt)}</dd>
        <dt>方式</dt>
        <dd>
          {b.channel === 'online' ? '网络投票' : '纸质表决票（工作人员录入）'}
          {b.proxy ? (b.byMe ? '，您受他人书面委托代为投票' : '，由受托人凭书面委托代为投票') : ''}
        </dd>
      </dl>
      <ul className="o-choices" data-testid="my-ballot-choices">
        {b.answers.map((a) => (
          <li key={a.motion}>
            <span>{a.title}</span>
            <strong data-testid={`my-choice-${a.motion}`}>
              {a.candidates ? (a.candidates.length ? a.candidates.join('、') : '未选候选人') : a.choice ? CHOICE_TEXT[a.choice] : '未填'}
            </strong>
            <Tag tone={a.status === 'counted' ? 'good' : 'warn'}>{a.statusLabel}</Tag>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/public/estates/${estateId}?receipt=${b.code}#receipt`} data-testid="my-ballot-verify">
          到小区公告栏核对这张表决票 →
        </a>
      </p>
    </div>
  );
}
