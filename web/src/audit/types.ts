/** GET /api/audit item */
export interface AuditEntry {
  id: number;
  at: string;
  actorId?: number | null;
  actorName: string | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string;
  entityId: string | null;
  nodeId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
  /** A room's choices are hidden until the decision's result is published. */
  choicesHidden: boolean;
  object: { label: string; href: string | null };
}

/** GET /api/audit/verify */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { id: number | null; reason: string } | null;
}
