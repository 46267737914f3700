import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { ensureDemoData } from '../demo/load-demo.js';
import { createTestApp, login, type TestApp } from '../test/harness.js';
import { sdb } from './tables.js';

/** The demo street shows the service desk working (issue 16): a newcomer sees every state, a roster, wishes and pledges. */
describe('demo street: service desk and co-building', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    await ensureDemoData(t.db);
  });
  afterAll(() => t.close());

  it('has a service list per community, tickets in every state (one escalated), a roster with a missed duty, wishes and pledges', async () => {
    const states = new Set((await sdb(t.db).selectFrom('ticket').select('state').execute()).map((r) => r.state));
    for (const s of ['submitted', 'dispatched', 'accepted', 'finished', 'revisit', 'closed', 'withdrawn']) expect(states, s).toContain(s);
    const kinds = await sdb(t.db).selectFrom('service_kind').select('community_id').distinct().execute();
    expect(kinds.length).toBe(4);
    expect((await sdb(t.db).selectFrom('ticket').select('id').where('escalation_level', '>', 0).execute()).length).toBeGreaterThan(0);
    const shifts = await sdb(t.db).selectFrom('duty_shift').select(['missed_flagged_at']).execute();
    expect(shifts.filter((s) => s.missed_flagged_at).length).toBe(1);
    const wishes = new Set((await sdb(t.db).selectFrom('micro_wish').select('state').execute()).map((w) => w.state));
    expect([...wishes].sort()).toEqual(['approved', 'fulfilled', 'pending']);
    const company = await login(t.app, 'wuye', 'Gongzhi@2026');
    expect((await company.get('/api/tickets?assigned=1')).json().total).toBeGreaterThan(0);
    const estate = (await sdb(t.db).selectFrom('pledge').select('estate_id').executeTakeFirstOrThrow()).estate_id;
    const pub = (await t.app.inject({ url: `/api/public/estates/${estate}/cobuilding` })).json();
    expect(pub.pledges).toHaveLength(2);
    expect(pub.vanguard.length).toBeGreaterThanOrEqual(3);
    expect(pub.stations[0].name).toBe('红色益站');
  });
});
