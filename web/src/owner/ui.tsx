import type { ReactNode } from 'react';

/**
 * The few building blocks of the owner's pages (issue 19), in plain markup: text of at least 16 px
 * (18 px and more in large-text mode), touch targets of at least 44 px, colours at WCAG AA contrast,
 * nothing that needs a hover.
 */
export function Card({ children, testId, title, aside }: { children: ReactNode; testId?: string; title?: ReactNode; aside?: ReactNode }) {
  return (
    <section className="o-card" data-testid={testId}>
      {(title || aside) && (
        <div className="o-card-head">
          {title && <h2 className="o-card-title">{title}</h2>}
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}

export type Tone = 'info' | 'good' | 'warn' | 'bad' | 'plain';

export function Tag({ tone = 'plain', children, testId }: { tone?: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`o-tag o-tag-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function Callout({ tone = 'info', children, testId }: { tone?: Tone; children: ReactNode; testId?: string }) {
  return (
    <div className={`o-callout o-callout-${tone}`} role={tone === 'bad' ? 'alert' : undefined} data-testid={testId}>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <div className="plain-spin" role="status" aria-label="正在加载">
      <span className="plain-spin-dot" />
    </div>
  );
}
