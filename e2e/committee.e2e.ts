import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, newPage, PHONE, screenshot, startServer, type RunningServer } from './support.js';

const PDF = { name: '签字页.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

/**
 * Issue 14 in Chromium, on the demo street's PMC (seven members, four owner representatives): the
 * director convenes with an agenda; staff record attendance — without a majority of the owner
 * representatives the meeting is not quorate (the reason shown), with it it is; three signatures of
 * seven do not adopt a resolution, the fourth (the member's, on a 390 px phone, after a paper
 * signature) does; a 278 matter becomes an owners' decision draft; the minutes are posted for 10
 * working days. Then the owners' committee (业委会) beside it, meeting files per agenda item,
 * 取消会议 with its reason, the 述职 meeting with an invited owner representative, the training tab
 * and the street's 述职 month; at six members three signatures are exactly half and adopt nothing
 * (R32, strict), the fourth adopts; a joint nomination (联名推荐) needs ten signers, nine are refused.
 */
describe('committee at work in Chromium', () => {
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
  const pmcOf = async (page: Page) =>
    ((await json(page, '/api/committees')).items as { id: number; kind: string }[]).find((x) => x.kind === 'pmc')!;
  async function user(name: string, viewport = DESKTOP) {
    const { page } = await newPage(browser, viewport);
    await logIn(page, server.url, name);
    await page.getByTestId('user-name').first().waitFor();
    return page;
  }

  it('meeting → quorum → signatures → 278 to the owners → minutes posted', { timeout: 300_000 }, async () => {
    // 1. the director convenes from the committee page
    const director = await user('zhuren');
    await director.goto(`${server.url}/committees`);
    const list = (await json(director, '/api/committees')).items as { id: number; kind: string }[];
    expect(list.filter((x) => x.kind === 'pmc')).toHaveLength(1);
    const pmc = list.find((x) => x.kind === 'pmc')!;
    await director.getByTestId(`committee-${pmc.id}`).click();
    await director.getByTestId('committee-page').waitFor();
    await director.getByText('会议与决议').click();
    await director.getByTestId('committee-convene').click();
    await director.getByTestId('convene-form-title').fill('电梯更新专题会议');
    await director.getByTestId('convene-form-agenda').fill('电梯更新\n选聘物业服务企业');
    await director.getByTestId('convene-form-submit').click();
    await expect.poll(() => new URL(director.url()).pathname).toMatch(/^\/committees\/meetings\/\d+$/);
    const meetingId = Number(new URL(director.url()).pathname.split('/').pop());
    const detail = await json(director, `/api/committee-meetings/${meetingId}`);
    const members = detail.members as { id: number; name: string; ownerRepresentative: boolean; seat: string }[];
    const owners = members.filter((m) => m.ownerRepresentative);
    const others = members.filter((m) => !m.ownerRepresentative);
    expect(owners).toHaveLength(4);

    // 2. community staff record attendance: all three non-owner members and ONE owner representative → not quorate
    const staff = await user('shequ');
    await staff.goto(`${server.url}/committees/meetings/${meetingId}`);
    await staff.getByTestId('cmeeting-attendance').click();
    for (const m of [...others, owners[0]!]) await staff.getByTestId(`attend-${m.id}`).check();
    await staff.getByTestId('live-quorum-fail').waitFor();
    await staff.getByTestId('attendance-form-submit').click();
    await staff.getByTestId('quorum-fail').waitFor();
    await expect.poll(() => staff.getByTestId('quorum-fail').innerText()).toMatch(/出席业主代表1人，未过业主代表4人的半数（至少3人）/);
    await screenshot(staff, 'committee-not-quorate');
    // two more owner representatives → quorate
    await staff.getByTestId('cmeeting-attendance').click();
    for (const m of owners.slice(1, 3)) await staff.getByTestId(`attend-${m.id}`).check();
    await staff.getByTestId('live-quorum-ok').waitFor();
    await staff.getByTestId('attendance-form-submit').click();
    await staff.getByTestId('quorum-ok').waitFor();

    // 3. the director records the meeting and proposes two resolutions, one a 278 matter (item 四)
    await director.reload();
    await director.getByTestId('cmeeting-hold').click();
    await director.getByTestId('hold-form-minutes').fill('会议讨论了电梯更新和物业服务企业选聘。');
    await director.getByTestId('hold-form-submit').click();
    await director.getByTestId('cmeeting-propose').click();
    await director.getByTestId('propose-form-title').fill('委托电梯安全评估');
    await director.getByTestId('propose-form-text').fill('委托第三方机构评估全部电梯安全状况。');
    await director.getByTestId('propose-form-submit').click();
    await director.getByTestId('cmeeting-propose').click();
    await director.getByTestId('propose-form-title').fill('选聘新物业服务企业');
    await director.getByTestId('propose-form-text').fill('解聘现物业服务企业，公开选聘新物业服务企业。');
    await director.getByTestId('propose-form-items').click();
    await director.locator('.ant-select-item-option', { hasText: '（四）选聘和解聘' }).click();
    await director.keyboard.press('Escape');
    await director.getByTestId('propose-form-submit').click();
    await expect.poll(async () => (await json(director, `/api/committee-meetings/${meetingId}`)).resolutions.length).toBe(2);
    let m = await json(director, `/api/committee-meetings/${meetingId}`);
    const [res, res278] = m.resolutions as { id: number }[];

    // 4. the director signs in the app; staff enter two paper signatures with the scan: 3 of 7 is not adopted
    await director.getByTestId(`cres-${res!.id}-sign`).click();
    await expect.poll(() => director.getByTestId(`cres-${res!.id}-count`).innerText()).toMatch(/已签字1人/);
    await staff.reload();
    await staff.getByTestId(`cres-${res!.id}-paper`).click();
    for (const x of owners.slice(0, 2)) await staff.getByTestId('paper-form-members').getByText(x.name, { exact: true }).click();
    await staff.getByTestId('paper-form-scan').setInputFiles(PDF);
    await staff.getByTestId('paper-form-submit').click();
    await expect.poll(() => staff.getByTestId(`cres-${res!.id}-count`).innerText()).toMatch(/全体委员7人，已签字3人，超过半数（至少4人）/);
    expect(await staff.getByTestId(`cres-${res!.id}-state`).innerText()).toBe('签字中');

    // 5. the member signs on a phone: the fourth signature adopts it
    const phone = await user('weiyuan', PHONE);
    await phone.goto(`${server.url}/committees/mine`);
    await phone.getByTestId(`tosign-${res!.id}`).waitFor();
    await screenshot(phone, 'committee-sign-phone');
    await phone.getByTestId(`tosign-${res!.id}-sign`).click();
    await expect.poll(async () => phone.getByTestId(`tosign-${res!.id}`).count()).toBe(0);
    await staff.reload();
    await expect.poll(() => staff.getByTestId(`cres-${res!.id}-state`).innerText()).toBe('已通过');
    // the 278 matter cannot be signed: it goes to the owners as a decision draft
    expect(await staff.getByTestId(`cres-${res278!.id}-sign`).count()).toBe(0);
    await staff.getByTestId(`cres-${res278!.id}-to-owners`).click();
    await expect.poll(() => new URL(staff.url()).pathname).toMatch(/^\/decisions\/\d+$/);
    const decision = await json(staff, `/api/decisions/${new URL(staff.url()).pathname.split('/').pop()}`);
    expect(decision).toMatchObject({ state: 'draft', title: '选聘新物业服务企业' });

    // 6. the minutes are posted for 10 working days, with the .docx
    await staff.goto(`${server.url}/committees/meetings/${meetingId}`);
    await staff.getByTestId('cmeeting-publish').click();
    await expect.poll(() => staff.getByTestId('minutes-status').innerText()).toBe('已公示');
    m = await json(staff, `/api/committee-meetings/${meetingId}`);
    const notice = await json(staff, `/api/notices/${m.minutesNoticeId}`);
    expect(notice).toMatchObject({ status: 'published', periodDays: 10, periodUnit: 'workdays' });
    await screenshot(staff, 'committee-minutes-posted');
  });

  it(
    'the 业委会 listed; meeting files per agenda item; 取消会议 with its reason; the 述职 meeting inviting an owner representative; training; the 述职 month',
    { timeout: 300_000 },
    async () => {
      // the street sees the demo's owners' committee beside the PMC, with its members
      const street = await user('jiedao');
      const items = (await json(street, '/api/committees')).items as { id: number; kind: string; members: number }[];
      const owners = items.find((x) => x.kind === 'owners')!;
      expect(owners.members).toBeGreaterThanOrEqual(3);
      await street.goto(`${server.url}/committees`);
      await street.getByTestId(`committee-owners-${owners.id}`).click();
      await street.getByTestId('committee-page').waitFor();
      await expect.poll(() => street.getByTestId('committee-page').innerText()).toMatch(/业主委员会/);
      // the street's 述职 month, set where the other settings live
      await street.goto(`${server.url}/governance`);
      const settings = (await json(street, '/api/committee-settings')).items as { streetId: number; reportMonth: number }[];
      await street.getByTestId(`report-month-${settings[0]!.streetId}`).click();
      await street.locator('.ant-select-item-option', { hasText: /^11月$/ }).click();
      await expect.poll(async () => (await json(street, '/api/committee-settings')).items[0].reportMonth).toBe(11);

      // the director convenes, attaches a file to the second agenda item, then cancels with a reason
      const director = await user('zhuren');
      const pmc = await pmcOf(director);
      await director.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await director.getByText('会议与决议').click();
      await director.getByTestId('committee-convene').click();
      await director.getByTestId('convene-form-title').fill('停车管理专题会议');
      await director.getByTestId('convene-form-agenda').fill('停车收费\n车位划线');
      await director.getByTestId('convene-form-submit').click();
      await expect.poll(() => new URL(director.url()).pathname).toMatch(/^\/committees\/meetings\/\d+$/);
      const meetingId = Number(new URL(director.url()).pathname.split('/').pop());
      await director.getByTestId('cmeeting-upload').click();
      await director.getByTestId('upload-form-item').click();
      await director.locator('.ant-select-item-option', { hasText: '2. 车位划线' }).click();
      await director.getByTestId('upload-form-file').setInputFiles({ ...PDF, name: '车位划线方案.pdf' });
      await director.getByTestId('upload-form-submit').click();
      await director.getByTestId('cmeeting-agenda').getByText('📎车位划线方案.pdf').waitFor();
      const files = (await json(director, `/api/committee-meetings/${meetingId}`)).files as { id: number; agendaIndex: number }[];
      expect(files).toEqual([expect.objectContaining({ agendaIndex: 1 })]);
      const dl = await director.request.get(`${server.url}/api/committee-meetings/${meetingId}/files/${files[0]!.id}`);
      expect(dl.status()).toBe(200);
      await director.getByTestId('cmeeting-cancel').click();
      await director.getByTestId('cancel-form-reason').fill('主任外出学习，会议改期');
      await director.getByTestId('cancel-form-submit').click();
      await expect.poll(() => director.getByTestId('cmeeting-cancelled').innerText()).toMatch(/原因：主任外出学习，会议改期/);
      expect(await director.getByTestId('cmeeting-state').innerText()).toBe('已取消');
      expect(await director.getByTestId('cmeeting-cancel').count()).toBe(0);

      // the 述职 meeting: an owner of the estate invited as owner representative, shown on the meeting
      await director.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await director.getByText('述职评议与整改').click();
      await director.getByTestId('report-meeting').click();
      await director.getByTestId('convene-form-title').fill('年度述职会议');
      await director.getByTestId('convene-form-agenda').fill('委员会年度述职');
      await director.getByTestId('convene-form-guests').click();
      const guest = director.locator('.convene-form-guests-popup .ant-select-item-option').first();
      const guestName = (await guest.innerText()).replace(/（.*$/, '');
      await guest.click();
      await director.keyboard.press('Escape');
      await director.getByTestId('convene-form-submit').click();
      await expect
        .poll(() =>
          director
            .getByTestId('cmeeting-guests')
            .innerText()
            .catch(() => ''),
        )
        .toBe(guestName);
      await screenshot(director, 'committee-annual-meeting');

      // the committee's own training tab
      await director.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await director.getByText('培训', { exact: true }).click();
      await expect.poll(() => director.getByTestId('committee-training-coverage').innerText()).toMatch(/主任参训 \d\/1/);
    },
  );

  it(
    'negative list: reported with evidence, upheld by the street, the member suspended, owners told, the committee flagged below R23',
    { timeout: 300_000 },
    async () => {
      const staff = await user('shequ');
      const pmc = await pmcOf(staff);
      const c = await json(staff, `/api/committees/pmc/${pmc.id}`);
      expect(c.reports.some((r: { outcome: string }) => r.outcome === 'lifted')).toBe(true); // the demo's past suspension, lifted
      const target = (c.members as { id: number; name: string; ownerRepresentative: boolean; suspended: boolean }[]).filter(
        (m) => m.ownerRepresentative,
      )[3]!;
      await staff.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await staff.getByText('负面清单', { exact: true }).click();
      await staff.getByTestId('negative-report').click();
      await staff.getByTestId('report-form-member').click();
      await staff.locator('.ant-select-item-option', { hasText: target.name }).click();
      await staff.getByTestId('report-form-item').click();
      await staff.locator('.ant-select-item-option', { hasText: '被列为失信被执行人' }).click();
      await staff.getByTestId('report-form-facts').fill('经查询，该委员被人民法院列为失信被执行人。');
      await staff.getByTestId('report-form-evidence').setInputFiles({ ...PDF, name: '失信查询结果.pdf' });
      await staff.getByTestId('report-form-submit').click();
      await expect
        .poll(
          async () =>
            (await json(staff, `/api/committees/pmc/${pmc.id}`)).reports.filter((r: { state: string }) => r.state === 'pending').length,
        )
        .toBe(1);
      const report = (await json(staff, `/api/committees/pmc/${pmc.id}`)).reports.find((r: { state: string }) => r.state === 'pending');

      // the street decides: upheld
      const street = await user('jiedao');
      await street.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await street.getByText('负面清单', { exact: true }).click();
      await street.getByTestId(`report-${report.id}-decide`).click();
      await street.getByTestId('decide-form-reason').fill('经核实，该委员在失信被执行人名单中，情况属实。');
      await street.getByTestId('decide-form-submit').click();
      await street.getByTestId('confirm-ok').click();
      await street.getByTestId('committee-noncompliant').waitFor();
      expect(await street.getByTestId('committee-noncompliant').innerText()).toMatch(/业主代表3人.*R23/);
      await screenshot(street, 'committee-suspended-noncompliant');
      await street.goto(`${server.url}/committees`);
      await street.getByTestId(`committee-${pmc.id}-noncompliant`).waitFor();
      const after = await json(street, `/api/committees/pmc/${pmc.id}`);
      expect(after.members.find((m: { id: number }) => m.id === target.id).suspended).toBe(true);

      // the notice reaches the owners: the demo owner's messages
      const owner = await user('yezhu', PHONE);
      const notes = (await json(owner, '/api/notifications')).items as { title: string }[];
      expect(notes.map((n) => n.title).join()).toContain(`暂停${target.name}履行物业管理委员会委员职责`);
    },
  );

  it(
    'a replacement restores it: the suspended member removed, an owner nominated, vetted, publicised, seated after the period',
    { timeout: 300_000 },
    async () => {
      const street = await user('jiedao');
      const pmc = await pmcOf(street);
      let c = await json(street, `/api/committees/pmc/${pmc.id}`);
      const report = (c.reports as { id: number; state: string; outcome: string | null }[]).find(
        (r) => r.state === 'upheld' && !r.outcome,
      )!;
      await street.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await street.getByText('负面清单', { exact: true }).click();
      await street.getByTestId(`report-${report.id}-outcome`).click();
      await street.getByText('罢免（终止委员资格）').click();
      await street.getByTestId('outcome-form-reason').fill('失信情形短期内无法消除，予以罢免。');
      await street.getByTestId('outcome-form-submit').click();
      await expect.poll(async () => (await json(street, `/api/committees/pmc/${pmc.id}`)).members.length).toBe(6);
      c = await json(street, `/api/committees/pmc/${pmc.id}`);
      expect(c.compliance.ok).toBe(false);

      // R32 at exactly half: with six members, three signatures do NOT adopt a resolution (过半数 is strict); a fourth does
      const staff = await user('shequ');
      const csrf = (await json(staff, '/api/auth/me')).csrfToken as string;
      const post = async (url: string, body: unknown) => {
        const r = await staff.request.post(`${server.url}${url}`, { data: body, headers: { 'x-csrf-token': csrf } });
        expect(r.status(), await r.text()).toBeLessThan(300);
        return r.json();
      };
      const six = c.members as { id: number; name: string; ownerRepresentative: boolean; suspended: boolean; seat: string }[];
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the server's day in China (not shifted yet)
      const meeting = await post(`/api/committees/pmc/${pmc.id}/meetings`, { title: '六人会议', heldOn: today, agenda: ['楼道照明'] });
      const put = await staff.request.put(`${server.url}/api/committee-meetings/${meeting.id}/attendance`, {
        data: { attendance: six.map((m) => ({ memberId: m.id, mode: 'inPerson' })) },
        headers: { 'x-csrf-token': csrf },
      });
      expect(put.status(), await put.text()).toBe(200);
      await post(`/api/committee-meetings/${meeting.id}/hold`, { minutes: '全体委员出席。' });
      const proposed = await post(`/api/committee-meetings/${meeting.id}/resolutions`, {
        title: '更换楼道灯具',
        text: '更换全部楼道灯具。',
      });
      const resId = proposed.resolutions[0].id as number;
      await staff.goto(`${server.url}/committees/meetings/${meeting.id}`);
      await staff.getByTestId(`cres-${resId}-paper`).click();
      const director = six.find((m) => m.seat === 'director')!;
      for (const x of six.filter((m) => m !== director).slice(0, 3))
        await staff.getByTestId('paper-form-members').getByText(x.name, { exact: true }).click();
      await staff.getByTestId('paper-form-scan').setInputFiles(PDF);
      await staff.getByTestId('paper-form-submit').click();
      await expect.poll(() => staff.getByTestId(`cres-${resId}-count`).innerText()).toMatch(/全体委员6人，已签字3人，超过半数（至少4人）/);
      expect(await staff.getByTestId(`cres-${resId}-state`).innerText()).toBe('签字中');
      const zhuren = await user('zhuren');
      await zhuren.goto(`${server.url}/committees/meetings/${meeting.id}`);
      await zhuren.getByTestId(`cres-${resId}-sign`).click();
      await expect.poll(() => zhuren.getByTestId(`cres-${resId}-state`).innerText()).toBe('已通过');

      // the community records a joint nomination (联名推荐) of an owner of the estate (not in arrears) with ten signers
      const owners = (await json(staff, `/api/committees/pmc/${pmc.id}/owner-candidates?q=`)).items as { name: string; arrears: boolean }[];
      const nominee = owners.find((o) => !o.arrears && !owners.some((x) => x !== o && x.name === o.name))!;
      await staff.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await staff.getByTestId('replacement-nominate').click();
      await staff.getByTestId('nominate-form-person').click();
      await staff.keyboard.type(nominee.name);
      await staff.locator('.ant-select-item-option', { hasText: nominee.name }).first().click();
      await staff.getByText('10名以上业主联名推荐').click();
      await staff.getByTestId('nominate-form-signers').click();
      const signers = staff.locator('.nominate-form-signers-popup .ant-select-item-option');
      for (let i = 0; i < 9; i++) await signers.nth(i).click();
      await staff.keyboard.press('Escape');
      await staff.getByTestId('nominate-form-submit').click();
      await staff
        .getByText(/联名推荐须有本小区10名以上业主签名/)
        .first()
        .waitFor(); // nine are not enough
      await staff.getByTestId('nominate-form-signers').click();
      await signers.nth(9).click();
      await staff.keyboard.press('Escape');
      await staff.getByTestId('nominate-form-submit').click();
      await expect.poll(async () => (await json(staff, `/api/committees/pmc/${pmc.id}`)).replacements.length).toBe(1);
      const rep = (await json(staff, `/api/committees/pmc/${pmc.id}`)).replacements[0];
      expect(rep.channel).toBe('jointOwners');
      // the street vets, the community publicises
      await street.reload();
      await street.getByTestId(`replacement-${rep.id}-vet`).click();
      await street.getByTestId('vet-form-reason').fill('经街道和社区党组织审核，符合条件。');
      await street.getByTestId('vet-form-submit').click();
      await expect.poll(() => street.getByTestId(`replacement-${rep.id}-state`).innerText()).toMatch(/待公示/);
      await staff.reload();
      await staff.getByTestId(`replacement-${rep.id}-publicize`).click();
      await expect.poll(() => staff.getByTestId(`replacement-${rep.id}-state`).innerText()).toBe('公示中');
      // seating during the publicity is refused; after the period it restores the composition
      await street.reload();
      await street.getByTestId(`replacement-${rep.id}-seat`).click();
      await street
        .getByText(/届满后才能就任（R29）/)
        .first()
        .waitFor();
      await server.restart(14);
      await street.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await street.getByTestId(`replacement-${rep.id}-seat`).click();
      await expect.poll(() => street.getByTestId(`replacement-${rep.id}-state`).innerText()).toBe('已就任');
      await expect.poll(async () => street.getByTestId('committee-noncompliant').count()).toBe(0);
      c = await json(street, `/api/committees/pmc/${pmc.id}`);
      expect(c.members).toHaveLength(7);
      expect(c.compliance.ok).toBe(true);
      expect(c.changes.map((x: { kind: string }) => x.kind)).toContain('seated');
      await screenshot(street, 'committee-replacement-seated');
    },
  );

  it(
    '述职: owners evaluate on a phone, the result is published, an opinion becomes an item that goes overdue, is done with evidence, the feedback is public',
    { timeout: 300_000 },
    async () => {
      await server.restart(0);
      const director = await user('zhuren');
      const pmc = await pmcOf(director);
      await director.goto(`${server.url}/committees/pmc/${pmc.id}`);
      await director.getByText('述职评议与整改').click();
      await director.getByTestId('report-submit').click();
      await director.getByTestId('annual-form-text').fill('本年度委员会召开会议12次，督促物业服务企业整改问题30项。');
      await director.getByTestId('annual-form-submit').click();
      await expect.poll(() => new URL(director.url()).pathname).toMatch(/^\/committees\/reports\/\d+$/);
      const reportId = Number(new URL(director.url()).pathname.split('/').pop());

      // the demo owner evaluates on a phone: once for the home
      const owner = await user('yezhu', PHONE);
      await owner.goto(`${server.url}/evaluations`);
      await owner.getByTestId(`evaluation-${reportId}`).waitFor();
      await owner.getByTestId(`evaluation-${reportId}-choice`).getByText('不满意').click();
      await owner.getByTestId(`evaluation-${reportId}-opinion`).fill('楼道照明经常损坏，维修太慢');
      await owner.getByTestId(`evaluation-${reportId}-submit`).click();
      await owner.getByTestId(`evaluation-${reportId}-done`).waitFor();
      await screenshot(owner, 'committee-evaluate-phone');

      // after the window the result is published, by heads and area
      await server.restart(10);
      await director.goto(`${server.url}/committees/reports/${reportId}`);
      await director.getByTestId('report-publish-result').click();
      await expect.poll(async () => (await json(director, `/api/committee-reports/${reportId}`)).resultNoticeId).not.toBeNull();
      const report = await json(director, `/api/committee-reports/${reportId}`);
      expect(report.result.evaluatedHeads).toBeGreaterThanOrEqual(1);
      expect(report.result.heads.dissatisfied).toBe(report.result.evaluatedHeads);

      // the opinion becomes an item of 5 working days, which goes overdue, then is done with evidence
      const staff = await user('shequ');
      await staff.goto(`${server.url}/committees/reports/${reportId}`);
      await staff.getByTestId(`opinion-${report.opinions[0].id}-item`).click();
      await staff.getByTestId('item-form-member').click();
      await staff.locator('.ant-select-item-option').first().click();
      await staff.locator('input[data-testid="item-form-days"], [data-testid="item-form-days"] input').first().fill('5');
      await staff.getByTestId('item-form-submit').click();
      await expect.poll(async () => (await json(staff, `/api/committee-reports/${reportId}`)).rectifications.length).toBe(1);
      const item = (await json(staff, `/api/committee-reports/${reportId}`)).rectifications[0];
      await server.restart(25);
      await director.goto(`${server.url}/committees/reports/${reportId}`);
      await expect.poll(() => director.getByTestId(`item-${item.id}-state`).innerText()).toBe('已逾期');
      await director.getByTestId(`item-${item.id}-step`).click();
      await director.getByTestId('step-form-note').fill('已更换楼道灯具并建立巡查制度');
      await director.getByTestId('step-form-done').check();
      await director.getByTestId('step-form-evidence').setInputFiles({ ...PDF, name: '整改照片.pdf' });
      await director.getByTestId('step-form-submit').click();
      await expect.poll(() => director.getByTestId(`item-${item.id}-state`).innerText()).toMatch(/已完成/);
      await director.getByTestId('report-feedback').click();
      await director.getByTestId('report-feedback-notice').waitFor();
      const fb = await json(director, `/api/committee-reports/${reportId}`);
      const notice = await json(director, `/api/notices/${fb.feedbackNoticeId}`);
      expect(notice.status).toBe('published');
      expect(notice.body).toMatch(/已更换楼道灯具并建立巡查制度（逾期完成）/);
      await screenshot(director, 'committee-feedback');
    },
  );
});
