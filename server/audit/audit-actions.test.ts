import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionGroups, auditActionLabel, isAuditAction } from '../../core/audit-actions.js';
import { CASE_ACTIONS } from '../../core/formation.js';

const serverDir = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/**
 * Every `action: 'x.y'` the server writes — through recordAudit (whose type already demands a
 * registered code) and also where the type does not reach: the ballot writer's own SQL insert and
 * any other object built for the chain. Template strings are expanded by their prefix.
 */
function writtenCodes() {
  const literal = new Map<string, string>();
  const templates = new Map<string, string>();
  for (const file of sources(serverDir)) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(serverDir, file);
    for (const m of text.matchAll(/\baction: '([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) literal.set(m[1]!, rel);
    for (const m of text.matchAll(/\baction: `([a-zA-Z.]+)\$\{/g)) templates.set(m[1]!, rel);
  }
  return { literal, templates };
}

describe('audit action labels (core/audit-actions.ts)', () => {
  const { literal, templates } = writtenCodes();

  it('the scan finds the codes it must (so that it can fail)', () => {
    expect(literal.size).toBeGreaterThanOrEqual(60);
    expect(literal.get('ballot.cast')).toBeDefined();
    expect([...templates.keys()].sort()).toEqual(['ballot.paper.', 'formation.']);
  });

  it('every code the server writes has a Chinese label', () => {
    const missing = [...literal].filter(([code]) => !isAuditAction(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every code a template string can write has a label: each paper-ballot kind, each formation step', () => {
    for (const kind of ['first', 'second', 'review']) expect(isAuditAction(`ballot.paper.${kind}`)).toBe(true);
    for (const step of Object.keys(CASE_ACTIONS)) expect(isAuditAction(`formation.${step}`), step).toBe(true);
    for (const prefix of templates.keys()) expect(Object.keys(AUDIT_ACTIONS).some((c) => c.startsWith(prefix))).toBe(true);
  });

  it('labels are Chinese, never the code; the filter offers every action exactly once', () => {
    for (const [code, info] of Object.entries(AUDIT_ACTIONS)) {
      expect(info.label, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(info.label).not.toMatch(/[a-z]+\.[a-z]/i);
    }
    const offered = auditActionGroups().flatMap((g) => g.actions.map((x) => x.code));
    expect(offered.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    expect(auditActionLabel('decision.publish')).toBe('公布表决结果');
    expect(auditActionLabel('no.such')).toBe('其他操作');
  });
});
