import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

/** How many days the server's calendar runs ahead of the real one (RunningServer.restart). */
let ahead = 0;
/** A day relative to the server's today. */
const day = (offset: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ahead + offset);
  return d.toISOString().slice(0, 10);
};
const PDF = { name: '表决票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

/**
 * An owners' joint decision in the browser (R14–R19): the PMC announces and opens it, the owner votes
 * on a 390 px phone and gets a receipt, staff enter a paper ballot, the organiser watches turnout;
 * a decision whose period has ended is closed and its result published on the estate's board.
 * Topics are announced today (issue 13: never back-dated); the days then pass — the server restarts
 * with its calendar moved on — until voting opens, and again until the second decision's period ends.
 */
describe('owners’ joint decisions in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const json = async (page: Page, url: string) => (await page.request.get(`${server.url}${url}`)).json();
  const post = async (page: Page, url: string, body: unknown) => {
    const me = await json(page, '/api/auth/me');
    const r = await page.request.post(`${server.url}${url}`, { data: body, headers: { 'x-csrf-token': me.csrfToken } });
    expect(r.status(), await r.text()).toBeLessThan(300);
    return r.json();
  };

  it('announce → open → owner votes on a phone → paper ballot → turnout → result published', async () => {
    const owner = await newPage(browser, PHONE);
    await logIn(owner.page, server.url, 'yezhu');
    await owner.page.getByTestId('owner-home').waitFor();
    const estateId = (await json(owner.page, '/api/auth/me')).roles[0].nodeId as number;

    // the PMC director drafts a decision (API), then announces and opens it in the page
    const org = await newPage(browser, DESKTOP);
    await logIn(org.page, server.url, 'zhuren');
    await org.page.getByTestId('user-name').waitFor();
    const draft = await post(org.page, '/api/decisions', {
      estateId,
      title: '续聘物业服务企业及增设充电桩',
      organiser: '物业管理委员会',
      motions: [
        { title: '续聘现物业服务企业', item: 4 },
        { title: '利用共有部分增设电动车充电桩', item: 8 },
      ],
      opensOn: day(15),
      closesOn: day(25),
    });
    await org.page.goto(`${server.url}/decisions/${draft.id}`);
    await org.page.getByTestId('decision-action-announce').click();
    // posted today (the form's default); the step cannot be undone, so it asks again
    await org.page.getByTestId('decision-announce-submit').click();
    await org.page.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await json(org.page, `/api/decisions/${draft.id}`)).state).toBe('announced');
    // a second decision, whose period will have ended when its paper ballots are counted, drafted in
    // the form as a secret ballot (issue 19: the public file will name no room)
    await org.page.goto(`${server.url}/decisions`);
    await org.page.getByTestId('decision-create').click();
    await org.page.getByTestId('decision-form-estate').click();
    const estateName = (await json(org.page, `/api/org/nodes/${estateId}`)).name as string;
    await org.page.locator('.ant-select-tree-title', { hasText: estateName }).first().click();
    await org.page.getByTestId('decision-form-title').fill('修改管理规约');
    await org.page.getByTestId('decision-form-motion-0-title').fill('修改管理规约第十二条');
    await org.page.getByTestId('decision-form-motion-0-item').click();
    await org.page.locator('.ant-select-item-option').filter({ hasText: '制定和修改管理规约' }).click();
    await org.page.getByTestId('decision-form-opens').fill(day(15));
    await org.page.getByTestId('decision-form-closes').fill(day(20));
    await org.page.getByTestId('decision-form-secret').getByText('无记名', { exact: false }).click();
    await org.page.getByTestId('decision-form-submit').click();
    // saved as a draft, the page goes to it
    await org.page.waitForURL(/\/decisions\/\d+$/);
    const past = { id: Number(new URL(org.page.url()).pathname.split('/').pop()) };
    await org.page.getByText('无记名（计票文件不含房号）', { exact: false }).waitFor();
    expect((await json(org.page, `/api/decisions/${past.id}`)).rules.secretBallot).toBe(true);
    await post(org.page, `/api/decisions/${past.id}/announce`, {});
    // R14: fifteen days pass; voting opens
    ahead += 15;
    await server.restart(ahead);
    await org.page.goto(`${server.url}/decisions/${draft.id}`);
    await org.page.getByTestId('decision-action-open').click();
    await org.page.getByTestId('decision-action-confirm').click();
    await expect.poll(async () => (await json(org.page, `/api/decisions/${draft.id}`)).state).toBe('voting');
    await screenshot(org.page, 'decision-opened');

    // the owner votes on a phone: every motion, one submission, a receipt
    await owner.page.goto(`${server.url}/vote`);
    // (the demo street has a decision of its own in voting: work inside this decision's card)
    const card = owner.page.getByTestId(`vote-card-${draft.id}`);
    await card.waitFor();
    await card.getByTestId('vote-m1-yes').click();
    await card.getByTestId('vote-m2-abstain').click();
    await screenshot(owner.page, 'decision-owner-ballot');
    await card.getByTestId('vote-submit').click();
    await owner.page.getByTestId('vote-confirm').click();
    // receipts are 12 characters, shown in groups of four (issue 19)
    const code = (await card.getByTestId('vote-receipt-code').first().textContent())!.replace(/-/g, '').trim();
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    await screenshot(owner.page, 'decision-owner-receipt');
    const receipt = await json(owner.page, `/api/decisions/${draft.id}/receipt/${code}`);
    expect(receipt.motions.map((m: { status: string }) => m.status)).toEqual(['counted', 'counted']);
    const width = await owner.page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);

    // community staff enter a paper ballot with its scan
    const staff = await newPage(browser, DESKTOP);
    await logIn(staff.page, server.url, 'shequ');
    await staff.page.getByTestId('user-name').waitFor();
    const roll = await json(staff.page, `/api/decisions/${draft.id}/roll`);
    const target = roll.items.find((u: { voted: boolean; hasVoter: boolean }) => !u.voted && u.hasVoter);
    await staff.page.goto(`${server.url}/decisions/${draft.id}`);
    await staff.page.locator('[data-testid="paper-form"] .ant-select').first().click();
    await staff.page.keyboard.type(target.room);
    await staff.page.locator('.ant-select-item-option', { hasText: target.room }).first().click();
    await staff.page.getByTestId('paper-m1-yes').click();
    // the second motion's box is unreadable on this ballot: 废票, counted as the decision's rule says (R10)
    await staff.page.getByTestId('paper-m2-spoiled').click();
    await staff.page.getByTestId('paper-form-scan').setInputFiles(PDF);
    await staff.page.getByTestId('paper-form-submit').click();
    await expect.poll(async () => (await json(staff.page, `/api/decisions/${draft.id}`)).paperEntries.length).toBe(1);
    expect((await json(staff.page, `/api/decisions/${draft.id}`)).paperEntries[0].answers).toEqual({ m1: 'yes', m2: 'spoiled' });
    await screenshot(staff.page, 'decision-paper-entered');

    // the organiser sees turnout: two heads have voted
    await org.page.reload();
    await org.page.getByTestId('decision-turnout').waitFor();
    await expect.poll(() => org.page.getByTestId('decision-turnout').textContent()).toContain('人数：2 /');
    await screenshot(org.page, 'decision-turnout');

    // the second decision: a paper vote in its period, then the period ends; closed and published
    await post(org.page, `/api/decisions/${past.id}/open`, {});
    const pastRoll = await json(staff.page, `/api/decisions/${past.id}/roll`);
    const unit = pastRoll.items.find((u: { hasVoter: boolean }) => u.hasVoter);
    await post(staff.page, `/api/decisions/${past.id}/paper`, {
      unitId: unit.unitId,
      answers: { m1: 'yes' },
      scan: { fileName: 'p.pdf', contentType: 'application/pdf', dataBase64: PDF.buffer.toString('base64') },
    });
    ahead += 6;
    await server.restart(ahead);
    await org.page.goto(`${server.url}/decisions/${past.id}`);
    await org.page.getByTestId('decision-action-close').click();
    await org.page.getByTestId('decision-action-confirm').click();
    await expect.poll(async () => (await json(org.page, `/api/decisions/${past.id}`)).state).toBe('closed');
    await org.page.reload();
    await org.page.getByTestId('decision-action-publish').click();
    await org.page.getByTestId('decision-action-confirm').click();
    await org.page.getByTestId('decision-result').waitFor();
    await expect.poll(() => org.page.getByTestId('result-outcome-m1').textContent()).toBe('未达到参与表决门槛');
    // the confirmation closes once the result is in (its closing animation was caught in a screenshot)
    await org.page.getByTestId('decision-action-confirm').waitFor({ state: 'hidden' });
    await screenshot(org.page, 'decision-published');

    // the estate's public board shows the result and the tally file, without login
    const visitor = await newPage(browser, PHONE);
    await visitor.page.goto(`${server.url}/public/estates/${estateId}`);
    await visitor.page.getByTestId(`public-decision-${past.id}`).waitFor();
    const tally = await visitor.page.request.get(`${server.url}/api/public/decisions/${past.id}/tally.json`);
    expect(tally.status()).toBe(200);
    // the secret ballot's file: anonymous unit keys (u1…) and areas, no room of the roll anywhere
    const text = await tally.text();
    expect((JSON.parse(text) as { units: { unit: string }[] }).units[0]!.unit).toMatch(/^u\d+$/);
    for (const u of pastRoll.items as { room: string }[]) expect(text).not.toContain(`"${u.room}"`);
    const detail = await json(org.page, `/api/decisions/${past.id}`);
    expect(await visitor.page.getByTestId('decision-result-sha').first().textContent()).toContain(detail.tallySha256);
    await screenshot(visitor.page, 'decision-public-board');
  });
});
