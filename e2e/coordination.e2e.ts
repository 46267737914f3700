import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, newPage, screenshot, startServer, type RunningServer } from './support.js';

const PDF = { name: '办结材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };

/**
 * Issue 17 in Chromium, on the demo street: a dispute and an overdue item on a 四位一体 agenda; the
 * meeting records attendance and adopts a resolution; the task goes to the property company, goes
 * overdue over the National Day holidays (a meeting recorded as held on 2025-09-26: due 2025-10-10 on
 * the working-day calendar); it appears on the street's next 联席会议 agenda, is given to the district's
 * housing department, whose user finishes it; the convenor confirms; the monthly 情况通报 lists it.
 */
describe('coordination in Chromium', () => {
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
  async function user(name: string) {
    const { page } = await newPage(browser, DESKTOP);
    await logIn(page, server.url, name);
    await page.getByTestId('user-name').first().waitFor();
    return page;
  }
  /** Picks an option of an antd Select by typing part of its label. */
  async function choose(page: Page, testId: string, text: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-item-option', { hasText: text }).first().click();
  }
  async function pickDate(page: Page, testId: string, date: string) {
    const input = page
      .getByTestId(testId)
      .locator('input')
      .or(page.locator(`input[data-testid="${testId}"]`))
      .first();
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }
  const meetingIdOf = (page: Page) => Number(new URL(page.url()).pathname.split('/').pop());

  it(
    'dispute and overdue task → 四位一体 → company task overdue over a holiday → 联席会议 → department → done → 情况通报',
    { timeout: 300_000 },
    async () => {
      // 1. community staff register a dispute
      const staff = await user('shequ');
      await staff.goto(`${server.url}/coordination?tab=disputes`);
      await staff.getByTestId('dispute-register').click();
      const estates = (await json(staff, '/api/disputes/estates')).items as { name: string }[];
      await choose(staff, 'dispute-form-estate', estates[0]!.name);
      await choose(staff, 'dispute-form-category', '停车管理');
      await staff.getByTestId('dispute-form-title').fill('访客车辆占用消防通道');
      await staff.getByTestId('dispute-form-description').fill('访客车辆夜间停放在消防通道，住户与物业多次争执');
      await staff.getByTestId('dispute-form-party-0').fill('3号楼住户');
      await staff.getByTestId('dispute-form-submit').click();
      await staff.locator('[data-testid^="dispute-"]', { hasText: '访客车辆占用消防通道' }).first().waitFor();
      await screenshot(staff, 'coordination-dispute');

      // 1b. the PMC director asks the community's 四位一体 meeting to take up a matter (提请事项)
      const director = await user('zhuren');
      await director.goto(`${server.url}/coordination?tab=requests`);
      await director.getByTestId('request-submit-open').click();
      await director.getByTestId('request-title').fill('地下车库渗水维修分歧');
      await director.getByTestId('request-content').fill('物业与业主对渗水维修的费用承担有分歧，请社区协调');
      await director.getByTestId('request-submit').click();
      await director
        .locator('[data-testid^="request-"]', { hasText: '地下车库渗水维修分歧' })
        .filter({ hasText: '待列入议程' })
        .first()
        .waitFor();

      // 2. a 四位一体 meeting, recorded as held on 2025-09-26: the overdue demo task is on its agenda already; the dispute is added from the list
      await staff.goto(`${server.url}/coordination?tab=meetings`);
      const bodies = (await json(staff, '/api/coordination/bodies')).items as { id: number; kind: string }[];
      const four = bodies.find((b) => b.kind === 'fourInOne')!;
      await staff.getByTestId(`body-meeting-${four.id}`).click();
      await staff.getByTestId('meeting-create-title').fill('车位与消防通道专题协调会');
      await pickDate(staff, 'meeting-create-date', '2025-09-26');
      await expect.poll(() => new URL(staff.url()).pathname).toMatch(/^\/coordination\/meetings\/\d+$/);
      const meetingId = meetingIdOf(staff);
      let meeting = await json(staff, `/api/coordination/meetings/${meetingId}`);
      expect(meeting.agenda.some((a: { source: string }) => a.source === 'overdueTask')).toBe(true);
      await staff.getByTestId('meeting-add-agenda').click();
      await choose(staff, 'agenda-form-pick', '访客车辆占用消防通道');
      await staff.getByTestId('agenda-form-submit').click();
      await expect
        .poll(async () => (await json(staff, `/api/coordination/meetings/${meetingId}`)).agenda.length)
        .toBe(meeting.agenda.length + 1);
      // the committee's request is on the list too; once on the agenda the director sees where it went
      await staff.getByTestId('meeting-add-agenda').click();
      await choose(staff, 'agenda-form-pick', '地下车库渗水维修分歧');
      await staff.getByTestId('agenda-form-submit').click();
      await expect
        .poll(async () => (await json(staff, `/api/coordination/meetings/${meetingId}`)).agenda.length)
        .toBe(meeting.agenda.length + 2);
      await director.reload();
      await director
        .locator('[data-testid^="request-"]', { hasText: '地下车库渗水维修分歧' })
        .filter({ hasText: '车位与消防通道专题协调会' })
        .first()
        .waitFor();
      await screenshot(director, 'coordination-committee-request');
      await director.context().close();

      // 3. attendance and minutes, then a resolution giving the property company a task of 5 working days
      await staff.getByTestId('meeting-record').click();
      await staff
        .getByTestId('record-form-minutes')
        .fill('会议听取了消防通道占用和车位纠纷的情况，议定由物业公司设置隔离桩并加强夜间巡查。');
      await staff.getByTestId('record-form-submit').click();
      await expect.poll(() => staff.getByTestId('meeting-state').textContent()).toBe('已召开');
      meeting = await json(staff, `/api/coordination/meetings/${meetingId}`);
      const companyName = meeting.members.find((m: { kind: string }) => m.kind === 'company').organisation as string;
      await staff.getByTestId('meeting-resolve').click();
      await staff.getByTestId('resolution-form-text').fill('物业公司在消防通道设置隔离桩并加强夜间巡查');
      await staff.getByTestId('resolution-add-task').click();
      await choose(staff, 'resolution-task-member-0', companyName);
      await staff.getByTestId('resolution-task-title-0').fill('设置消防通道隔离桩');
      await staff.getByTestId('resolution-form-submit').click();
      await expect.poll(async () => (await json(staff, `/api/coordination/meetings/${meetingId}`)).resolutions.length).toBe(1);
      const task = (await json(staff, `/api/coordination/meetings/${meetingId}`)).resolutions[0].tasks[0];
      // five working days from Friday 2025-09-26 across the National Day holidays and the make-up Saturday
      expect(task).toMatchObject({ dueOn: '2025-10-10', overdue: true, stateLabel: '逾期' });
      await staff.reload();
      await expect.poll(() => staff.getByTestId(`task-state-${task.id}`).textContent()).toBe('逾期');
      await screenshot(staff, 'coordination-four-in-one');

      // 4. the street's next 联席会议 takes the overdue task onto its agenda and hands it to the housing department
      const admin = await user('jiedao');
      await admin.goto(`${server.url}/coordination?tab=meetings`);
      const joint = ((await json(admin, '/api/coordination/bodies')).items as { id: number; kind: string }[]).find(
        (b) => b.kind === 'jointMeeting',
      )!;
      await admin.getByTestId(`body-meeting-${joint.id}`).click();
      await admin.getByTestId('meeting-create-title').fill('物业管理联席会议（专题）');
      await admin.getByTestId('meeting-create-submit').click();
      await expect.poll(() => new URL(admin.url()).pathname).toMatch(/^\/coordination\/meetings\/\d+$/);
      const jointId = meetingIdOf(admin);
      const jointMeeting = await json(admin, `/api/coordination/meetings/${jointId}`);
      const item = jointMeeting.agenda.find(
        (a: { source: string; sourceId: number }) => a.source === 'overdueTask' && a.sourceId === task.id,
      );
      expect(item).toBeTruthy();
      await admin.getByTestId('meeting-record').click();
      await admin.getByTestId('record-form-minutes').fill('联席会议研究了各社区逾期未办结事项。');
      await admin.getByTestId('record-form-submit').click();
      await expect.poll(() => admin.getByTestId('meeting-state').textContent()).toBe('已召开');
      await admin.getByTestId('meeting-resolve').click();
      await admin.getByTestId('resolution-form-text').fill('消防通道隔离桩由区住建局督促落实');
      await admin.getByTestId('resolution-add-task').click();
      await choose(admin, 'resolution-task-member-0', '区住房和城乡建设局');
      await admin.getByTestId('resolution-task-title-0').fill('督促物业公司设置消防通道隔离桩');
      await choose(admin, 'resolution-task-origin-0', '设置消防通道隔离桩');
      await admin.getByTestId('resolution-form-submit').click();
      await expect.poll(async () => (await json(admin, `/api/coordination/meetings/${jointId}`)).resolutions.length).toBe(1);
      const deptTask = (await json(admin, `/api/coordination/meetings/${jointId}`)).resolutions[0].tasks[0];
      await screenshot(admin, 'coordination-joint-meeting');

      // 5. the department's user lands on its tasks and finishes this one with evidence
      const dept = await user('quzhujian');
      await expect.poll(() => new URL(dept.url()).pathname).toBe('/coordination');
      await dept.getByTestId(`task-finish-${deptTask.id}`).click();
      await dept.getByTestId('task-finish-text').fill('已约谈物业公司，隔离桩已设置完毕');
      await dept.getByTestId('task-finish-evidence').setInputFiles(PDF);
      await dept.getByTestId('task-finish-form-submit').click();
      await expect
        .poll(
          async () =>
            (await json(dept, '/api/coordination/tasks?filter=all')).items.find((x: { id: number }) => x.id === deptTask.id).state,
        )
        .toBe('done');
      // the department sees nothing else of the street: not the meeting itself
      expect((await dept.request.get(`${server.url}/api/coordination/meetings/${jointId}`)).status()).toBe(403);
      await screenshot(dept, 'coordination-department-tasks');

      // 6. the convenor confirms; the monthly 情况通报 lists the department's task done
      await admin.goto(`${server.url}/coordination?tab=tasks`);
      await admin.getByTestId('task-filter').getByText('待确认').click();
      await admin.getByTestId(`task-confirm-${deptTask.id}`).click();
      await admin.getByTestId('task-confirm-ok').click();
      await expect
        .poll(
          async () =>
            (await json(admin, '/api/coordination/tasks?filter=all')).items.find((x: { id: number }) => x.id === deptTask.id).state,
        )
        .toBe('confirmed');
      await admin.goto(`${server.url}/coordination?tab=briefing`);
      await expect.poll(() => admin.getByTestId('briefing').textContent()).toContain('区住房和城乡建设局');
      await screenshot(admin, 'coordination-briefing');
    },
  );
});
