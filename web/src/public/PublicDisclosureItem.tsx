import { useState } from 'react';
import { api, errorMessage } from '../api';
import type { BoardItem, History, Income } from '../disclosures/types';
import { yuan } from '../disclosures/types';

const TAG: Record<BoardItem['status'], string> = { current: 'good', stale: 'warn', missing: 'bad' };

export function IncomeTable({ income }: { income: Income }) {
  return (
    <div className="pub-income">
      {income.periodLabel && <div className="pub-notice-meta">{income.periodLabel}</div>}
      <table>
        <tbody>
          {income.rows.map((r, i) => (
            <tr key={i}>
              <td>{r.kind === 'income' ? '收入' : '支出'}</td>
              <td>
                {r.title}
                <div className="pub-muted">{r.date}</div>
              </td>
              <td className="pub-num">{yuan(r.amountFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>收入合计</td>
            <td className="pub-num" data-testid="income-total">
              {yuan(income.incomeFen)}
            </td>
          </tr>
          <tr>
            <td colSpan={2}>支出合计</td>
            <td className="pub-num">{yuan(income.expenseFen)}</td>
          </tr>
          <tr>
            <td colSpan={2}>结余</td>
            <td className="pub-num">{yuan(income.balanceFen)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Content({ i, estateId }: { i: Pick<BoardItem, 'key' | 'body' | 'phone' | 'entries' | 'income' | 'files'>; estateId: number }) {
  return (
    <>
      {i.phone && (
        <div className="pub-phone">
          <a href={`tel:${i.phone}`} data-testid="supervision-phone">
            {i.phone}
          </a>
        </div>
      )}
      {i.body && <div className="pub-notice-body">{i.body}</div>}
      {i.entries && (
        <ul className="pub-entries">
          {i.entries.map((e, k) => (
            <li key={k}>
              {e.name}（{e.post}）{e.suspended && <span className="o-tag o-tag-bad">暂停履职</span>}
              {e.note && !e.suspended && <span className="pub-muted"> {e.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {i.income && (
        <>
          <IncomeTable income={i.income} />
          <a href={`/api/public/estates/${estateId}/disclosures/publicIncome.xlsx`}>下载收支表（Excel）</a>
        </>
      )}
      {i.files.length > 0 && (
        <div className="pub-attachments">
          {i.files.map((f) => (
            <a key={f.id} href={`/api/public/disclosure-files/${f.id}`} target="_blank" rel="noopener">
              {f.name}
            </a>
          ))}
        </div>
      )}
    </>
  );
}

function HistoryList({ estateId, item }: { estateId: number; item: string }) {
  const [h, setH] = useState<History | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = () => {
    setOpen(!open);
    if (!h) api.get<History>(`/api/public/estates/${estateId}/disclosures/${item}/history`).then(setH, () => setH(null));
  };
  return (
    <div>
      <button type="button" className="pub-link-button" onClick={toggle} data-testid={`history-${item}`}>
        {open ? '收起历次版本' : '查看历次版本'}
      </button>
      {open && h && (
        <div className="pub-folded" data-testid={`history-list-${item}`}>
          {h.versions.length === 0 && <p className="pub-empty">暂无历次版本</p>}
          {h.versions.map((v) => (
            <div key={v.version} className="pub-history">
              <div className="pub-notice-meta">
                第{v.version}版 · {v.updatedOn}
                {v.source === 'registry' ? ' · 随登记信息更新' : ''}
              </div>
              <Content i={{ key: item, ...v }} estateId={estateId} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function AskForm({ estateId, item, onAsked }: { estateId: number; item: string; onAsked(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/estates/${estateId}/disclosures/${item}/questions`, { question: text });
      setText('');
      setError(null);
      onAsked();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pub-ask">
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        maxLength={500}
        placeholder="对此项公开内容有疑问？请写下您的质询（公开时不显示您的姓名）"
        data-testid={`ask-text-${item}`}
      />
      {error && (
        <div className="pub-callout pub-callout-warn" role="alert">
          {error}
        </div>
      )}
      <button
        type="button"
        className="o-button o-button-primary"
        disabled={busy || text.trim().length < 5}
        onClick={submit}
        data-testid={`ask-submit-${item}`}
      >
        提交质询
      </button>
    </div>
  );
}

/** One of the ten items on the public board: its state, content, history and the questions on it. */
export function PublicDisclosureItem({
  i,
  estateId,
  canAsk,
  onChange,
}: {
  i: BoardItem;
  estateId: number;
  canAsk: boolean;
  onChange(): void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <article className="pub-notice" id={`disclosure-${i.key}`} data-testid={`disclosure-${i.key}`}>
      <div className="pub-notice-tags">
        <span className={`o-tag o-tag-${TAG[i.status]}`} data-testid={`disclosure-status-${i.key}`}>
          {i.statusLabel}
        </span>
        {i.source === 'registry' && <span className="o-tag o-tag-plain">平台登记信息</span>}
      </div>
      <h3 className="pub-notice-title">{i.item}</h3>
      <div className="pub-notice-meta">
        {i.updatedOn ? `更新于 ${i.updatedOn}` : '尚未公开'} · {i.responsible}负责 · {i.renewal}
        {i.status === 'stale' && i.dueOn ? ` · 应于 ${i.dueOn} 前更新` : ''}
      </div>
      <Content i={i} estateId={estateId} />
      {i.status !== 'missing' && <HistoryList estateId={estateId} item={i.key} />}
      {i.questions.map((q) => (
        <div key={q.id} className="pub-question" data-testid={`question-${q.id}`}>
          {q.hidden ? (
            <div className="pub-muted">该质询已被隐藏：{q.hiddenReason}</div>
          ) : (
            <>
              <div>
                <strong>业主质询</strong>（{q.askedOn}）{q.mine && <span className="o-tag o-tag-info">我的</span>}
                {q.overdue && <span className="o-tag o-tag-bad">逾期答复</span>}：{q.question}
              </div>
              {q.answer ? (
                <div className="pub-answer" data-testid={`answer-${q.id}`}>
                  <strong>答复</strong>（{q.answeredOn}）：{q.answer}
                </div>
              ) : (
                <div className="pub-muted">待答复，应于 {q.dueOn} 前答复</div>
              )}
            </>
          )}
        </div>
      ))}
      {canAsk &&
        (asking ? (
          <AskForm
            estateId={estateId}
            item={i.key}
            onAsked={() => {
              setAsking(false);
              onChange();
            }}
          />
        ) : (
          <button type="button" className="pub-link-button" onClick={() => setAsking(true)} data-testid={`ask-${i.key}`}>
            我要质询
          </button>
        ))}
    </article>
  );
}
