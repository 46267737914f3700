import { useState } from 'react';
import { api, isApiError } from '../api';
import { ConfirmDialog } from './ConfirmDialog';
import { CHOICE_TEXT, type OwnerDecision, type OwnerMotion } from './types';
import { Callout } from './ui';

type Answer = 'yes' | 'no' | 'abstain' | string[];

/** One motion: a fieldset whose legend is the motion, each option a real radio or checkbox with its label (read by screen readers). */
function MotionField({ m, i, value, onChange }: { m: OwnerMotion; i: number; value: Answer | undefined; onChange: (a: Answer) => void }) {
  const picked = Array.isArray(value) ? value : [];
  return (
    <fieldset className="o-motion" data-testid={`vote-motion-${m.code}`}>
      <legend>
        {i + 1}. {m.title}
      </legend>
      <p className="o-muted o-small">
        {m.itemLabel}：{m.threshold}
      </p>
      {m.body && <p>{m.body}</p>}
      {m.kind === 'choice' ? (
        <div className="o-options">
          {(['yes', 'no', 'abstain'] as const).map((c) => (
            <label key={c} className={`o-option${value === c ? ' o-option-on' : ''}`} data-testid={`vote-${m.code}-${c}`}>
              <input type="radio" name={`motion-${m.code}`} value={c} checked={value === c} onChange={() => onChange(c)} />
              <span>{CHOICE_TEXT[c]}</span>
            </label>
          ))}
        </div>
      ) : (
        <div className="o-options o-options-column">
          <p className="o-small">
            应选 {m.seats} 名，最多选 {m.seats} 名（可以少选或不选）：
          </p>
          {(m.candidates ?? []).map((c) => {
            const on = picked.includes(c.code);
            const full = !on && picked.length >= (m.seats ?? 0);
            return (
              <label key={c.code} className={`o-option${on ? ' o-option-on' : ''}`} data-testid={`vote-${m.code}-${c.code}`}>
                <input
                  type="checkbox"
                  checked={on}
                  disabled={full}
                  onChange={() => onChange(on ? picked.filter((x) => x !== c.code) : [...picked, c.code])}
                />
                <span>{c.name}</span>
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}

const answerText = (m: OwnerMotion, a: Answer | undefined) =>
  Array.isArray(a)
    ? a.length
      ? a.map((c) => m.candidates?.find((x) => x.code === c)?.name).join('、')
      : '（未选任何候选人）'
    : a
      ? CHOICE_TEXT[a]
      : '';

/** The ballot form: every motion answered in one submission, confirmed once (final once cast, R19). */
export function BallotForm({ d, onCast }: { d: OwnerDecision; onCast: (codes: string[]) => void }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(d.motions.filter((m) => m.kind === 'election').map((m) => [m.code, [] as string[]])),
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const complete = d.motions.every((m) => answers[m.code] !== undefined);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ receipts: { code: string }[] }>(`/api/decisions/${d.id}/vote`, { answers });
      setConfirming(false);
      onCast(r.receipts.map((x) => x.code));
    } catch (e) {
      setError(isApiError(e) ? e.message : '提交失败，请稍后重试');
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="o-ballot"
      aria-label={`表决票：${d.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) setConfirming(true);
      }}
      data-testid="ballot-form"
    >
      {d.motions.map((m, i) => (
        <MotionField key={m.code} m={m} i={i} value={answers[m.code]} onChange={(a) => setAnswers({ ...answers, [m.code]: a })} />
      ))}
      {error && <Callout tone="bad">{error}</Callout>}
      <button type="submit" className="o-button o-button-primary o-button-block" disabled={!complete} data-testid="vote-submit">
        {complete ? '提交表决票' : '请对每个事项作出选择'}
      </button>
      {confirming && (
        <ConfirmDialog title="确认提交表决票" okText="确认提交" busy={busy} onOk={() => void send()} onCancel={() => setConfirming(false)}>
          {d.motions.map((m) => (
            <p key={m.code}>
              {m.title}：<strong>{answerText(m, answers[m.code])}</strong>
            </p>
          ))}
          <p>表决票提交后不能更改。</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
