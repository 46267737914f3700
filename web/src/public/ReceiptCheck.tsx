import { useEffect, useState, type FormEvent } from 'react';
import { formatDateZh } from '../../../core/dates';
import { api, isApiError } from '../api';

interface ReceiptAnswer {
  code: string;
  decision: { id: number; title: string; state: string; stateLabel: string; publishedOn: string | null };
  channelLabel: string;
  castOn: string;
  motions: { code: string; title: string; statusLabel: string }[];
  published: {
    sha256: string;
    tracker: string;
    owner: string | null;
    inFile: boolean;
    choices: { motion: string; title: string; choice: string; label: string }[];
  } | null;
}

interface TallyFile {
  ballots: { owner: string; motion: string; choice: string }[];
  receipts?: { tracker: string; owner: string }[];
}

async function sha256Hex(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null; // not a secure context: the check falls back to the server's tracker
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The check made in this browser against the published tally file itself (cast-as-recorded): the
 * file's hash is the published one, the receipt's tracker (computed here from the code) is in it, and
 * the choices listed under its owner code are the ones the server reported.
 */
async function verifyInFile(a: ReceiptAnswer): Promise<string[]> {
  const p = a.published!;
  const text = await (await fetch(`/api/public/decisions/${a.decision.id}/tally.json`)).text();
  const lines: string[] = [];
  const fileHash = await sha256Hex(text);
  if (fileHash !== null) {
    if (fileHash !== p.sha256) throw new Error('下载的计票文件与公布的 SHA-256 校验值不一致');
    lines.push(`计票文件的 SHA-256 与公布的一致（${fileHash.slice(0, 16)}…）`);
  }
  const tracker = (await sha256Hex(`${a.decision.id}:${a.code}`))?.slice(0, 32) ?? p.tracker;
  if (tracker !== p.tracker) throw new Error('本机算出的追踪码与服务器给出的不一致');
  const file = JSON.parse(text) as TallyFile;
  const entry = file.receipts?.find((r) => r.tracker === tracker);
  if (!entry) throw new Error('计票文件中没有这张表决票的追踪码');
  lines.push(`追踪码 ${tracker} 在计票文件中，对应匿名业主代码 ${entry.owner}`);
  const mine = file.ballots.filter((b) => b.owner === entry.owner);
  const same = mine.length === p.choices.length && mine.every((b) => p.choices.some((c) => c.motion === b.motion && c.choice === b.choice));
  if (!same) throw new Error('计票文件中该业主代码下的选择与查询结果不一致');
  lines.push(`计票文件中该代码下的 ${mine.length} 项选择与上面一致，已计入复算`);
  return lines;
}

/**
 * 核对回执 (issue 19): anyone with a receipt code checks the ballot on the estate's public board,
 * without learning whose it is. Before the result: recorded. After: in the published tally file, with
 * its choices, checked here against the file. Reached from the owner's own ballot (?receipt=CODE).
 */
export function ReceiptCheck({ estateId }: { estateId: number }) {
  const initial = new URLSearchParams(window.location.search).get('receipt') ?? '';
  const [code, setCode] = useState(initial);
  const [answer, setAnswer] = useState<ReceiptAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function look(value: string) {
    const typed = value.trim();
    if (!typed) return setError('请输入回执码');
    setBusy(true);
    setError(null);
    setAnswer(null);
    setChecked(null);
    try {
      const a = await api.get<ReceiptAnswer>(`/api/public/estates/${estateId}/receipts/${encodeURIComponent(typed)}`);
      setAnswer(a);
      if (a.published?.inFile) setChecked(await verifyInFile(a));
    } catch (e) {
      setError(isApiError(e) ? e.message : e instanceof Error ? `核对未通过：${e.message}` : '查询失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }
  // once, for a code given in the address (?receipt=…, the link on the owner's own ballot)
  const [asked] = useState(initial);
  useEffect(() => {
    if (asked) void look(asked);
  }, [asked]);

  return (
    <section id="receipt" className="pub-card" data-testid="receipt-check">
      <h2 className="pub-section-title">核对我的表决票</h2>
      <form
        className="pub-receipt-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void look(code);
        }}
      >
        <label htmlFor="receipt-code">回执码（投票后得到的12位字母和数字）</label>
        <div className="pub-receipt-row">
          <input
            id="receipt-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={24}
            placeholder="如 ABCD-EFGH-JKMN"
            data-testid="receipt-input"
          />
          <button type="submit" disabled={busy} data-testid="receipt-submit">
            {busy ? '正在核对…' : '核对'}
          </button>
        </div>
      </form>
      {error && (
        <div className="pub-callout pub-callout-warn" role="alert" data-testid="receipt-error">
          {error}
        </div>
      )}
      {answer && (
        <div className="pub-callout pub-callout-info" data-testid="receipt-result">
          <p>
            <strong>{answer.decision.title}</strong>（{answer.decision.stateLabel}）：这张{answer.channelLabel}已于
            {formatDateZh(answer.castOn)}记录。
          </p>
          {!answer.published ? (
            <ul>
              {answer.motions.map((m) => (
                <li key={m.code}>
                  {m.title}：{m.statusLabel}
                </li>
              ))}
            </ul>
          ) : answer.published.inFile ? (
            <>
              <p>已在公开的计票文件中找到这张表决票（业主代码 {answer.published.owner}，不含房号和姓名）：</p>
              <ul data-testid="receipt-choices">
                {answer.published.choices.map((c) => (
                  <li key={c.motion}>
                    {c.title}：<strong>{c.label}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>这张表决票没有计入计票文件：同一房屋另有表决票，按本次表决的规则以另一张为准。</p>
          )}
          {checked && (
            <ul className="pub-verified" data-testid="receipt-verified">
              {checked.map((l) => (
                <li key={l}>✓ {l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="pub-muted">
        追踪码是回执码的 SHA-256（“表决编号:回执码”的前32位十六进制），任何人可自行计算，再在下载的计票文件中查找。
      </p>
    </section>
  );
}
