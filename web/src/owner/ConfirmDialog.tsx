import { useEffect, useRef, type ReactNode } from 'react';

/** A confirmation that needs an explicit tap (an irreversible step); focus goes to it, Esc cancels. */
export function ConfirmDialog({
  title,
  children,
  okText,
  busy,
  onOk,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  okText: string;
  busy: boolean;
  onOk: () => void;
  onCancel: () => void;
}) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ok.current?.focus();
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onCancel]);
  return (
    <div className="o-dialog-backdrop">
      <div className="o-dialog" role="dialog" aria-modal="true" aria-labelledby="o-dialog-title">
        <h2 id="o-dialog-title">{title}</h2>
        {children}
        <div className="o-dialog-actions">
          <button type="button" className="o-button" onClick={onCancel} disabled={busy}>
            再看看
          </button>
          <button type="button" className="o-button o-button-primary" ref={ok} onClick={onOk} disabled={busy} data-testid="vote-confirm">
            {busy ? '正在提交…' : okText}
          </button>
        </div>
      </div>
    </div>
  );
}
