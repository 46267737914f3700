import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, logIn, newPage, startServer, type RunningServer } from './support.js';

/**
 * Issue 20: the built app works under its Content-Security-Policy — the staff pages (antd's injected
 * styles), the owner's ballot and the public board load and run with no CSP violation — and
 * no page can be framed.
 */
describe('the app under its Content-Security-Policy', () => {
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

  /** Every CSP violation the page reports, and every console error naming the policy. */
  async function watch(page: Page) {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI));",
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    return violations;
  }

  it('staff pages, the owner’s ballot and the public board run with no violation; framing is refused', async () => {
    const staff = await newPage(browser, DESKTOP);
    const v1 = await watch(staff.page);
    const res = await staff.page.goto(server.url);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await logIn(staff.page, server.url, 'jiedao');
    await staff.page.getByTestId('user-name').first().waitFor();
    for (const path of ['/governance', '/decisions', '/tickets', '/coordination', '/audit', '/calendar']) {
      await staff.page.goto(`${server.url}${path}`);
      await staff.page.getByTestId('user-name').first().waitFor();
      await staff.page.waitForLoadState('networkidle');
    }
    // antd's injected <style> elements are there and were allowed
    const styled = Number(await staff.page.evaluate("document.querySelectorAll('style').length"));
    expect(styled).toBeGreaterThan(0);
    expect(v1).toEqual([]);

    const owner = await newPage(browser, PHONE);
    const v2 = await watch(owner.page);
    await logIn(owner.page, server.url, 'yezhu');
    await owner.page.getByTestId('owner-home').waitFor();
    await owner.page.locator('[data-testid^="home-vote-"] a').first().click();
    await owner.page.getByTestId('ballot-form').waitFor();
    const me = (await (await owner.page.request.get(`${server.url}/api/auth/me`)).json()) as { roles: { nodeId: number }[] };
    expect(v2).toEqual([]);

    const visitor = await newPage(browser, PHONE);
    const v3 = await watch(visitor.page);
    await visitor.page.goto(`${server.url}/public/estates/${me.roles[0]!.nodeId}`);
    await visitor.page.getByTestId('public-estate-name').waitFor();
    await visitor.page.waitForLoadState('networkidle');
    expect(v3).toEqual([]);

    // a page of another site framing the voting page: the browser refuses to show it
    const evil = await newPage(browser, DESKTOP);
    await evil.page.route('http://evil.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<iframe id="f" src="${server.url}/home"></iframe>` }),
    );
    await evil.page.goto('http://evil.example/');
    await evil.page.waitForTimeout(1500);
    const framed = evil.page.frames().find((f) => f !== evil.page.mainFrame());
    const inside = framed ? String(await framed.evaluate("document.body ? document.body.innerText : ''").catch(() => '')) : '';
    expect(inside).not.toContain('共治');
  });
});
