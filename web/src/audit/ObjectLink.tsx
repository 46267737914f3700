import { Link } from 'react-router-dom';
import type { AuditEntry } from './types';

/** The entry's object: its kind, its name, and a link to its page where it has one. */
export function ObjectLink({ e }: { e: AuditEntry }) {
  return (
    <span>
      <span className="muted">{e.entityLabel}</span>{' '}
      {e.object.href ? (
        <Link to={e.object.href} data-testid={`audit-object-${e.id}`}>
          {e.object.label}
        </Link>
      ) : (
        <span>{e.object.label}</span>
      )}
    </span>
  );
}
