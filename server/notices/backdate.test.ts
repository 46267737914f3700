import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOf, dayIndex } from '../../core/workdays.js';
import { todayInChina } from '../clock.js';
import { ddb } from '../decisions/tables.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { createTestApp, login, type Client, type Res, type TestApp } from '../test/harness.js';

const PNG = {
  fileName: '张贴现场.png',
  contentType: 'image/png',
  dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64'),
};
const PDF = { fileName: '扫描件.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const shift = (days: number) => dateOf(dayIndex(todayInChina()) + days);

/**
 * Issue 13 §3: a legal period runs from the day the public could see the notice. A notice, a formation
 * announcement, a member-list publicity or a decision's topics could be dated years back (a notice
 * dated 2003-12-31 was accepted and was at once 公示期满). Back-dating is only the recording of a paper
 * notice already posted (补录): within the profile's days, with a reason and a photo, marked 补录.
 */
describe('posting days cannot be back-dated to skip a period', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let admin: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;

  beforeAll(async () => {
    t = await createTestApp();
    s = await makeStreet(t.db, 'Backdate');
    staff = await login(t.app, s.accounts.staff1!.username);
    admin = await login(t.app, s.accounts.admin!.username);
  });
  afterAll(() => t.close());

  const snapshot = async () => ({
    notices: await t.db.selectFrom('public_notice').selectAll().orderBy('id').execute(),
    attachments: (await t.db.selectFrom('notice_attachment').select('id').execute()).length,
    audits: await auditCount(t.db),
  });
  const refused = async (send: () => Promise<Res>, text: RegExp) => {
    const before = await snapshot();
    const r = await send();
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toMatch(text);
    expect(await snapshot()).toEqual(before);
  };
  const draft = async () => {
    const r = await staff.post('/api/notices', {
      nodeId: estate(),
      kind: 'memberList',
      title: '名单公示',
      body: '名单如下',
      periodUnit: 'workdays',
      periodDays: 5,
      acceptsObjections: true,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };

  it('a notice dated 2003-12-31 is refused; so is yesterday without a reason and a photo', async () => {
    const id = await draft();
    await refused(() => staff.post(`/api/notices/${id}/publish`, { publishDate: '2003-12-31' }), /补录的期限/);
    await refused(
      () => staff.post(`/api/notices/${id}/publish`, { publishDate: '2003-12-31', backdate: { reason: '补录', photo: PNG } }),
      /最多可追溯3日/,
    );
    await refused(() => staff.post(`/api/notices/${id}/publish`, { publishDate: shift(-1) }), /补录原因.*照片/);
    // the photo must be a photo
    await refused(
      () => staff.post(`/api/notices/${id}/publish`, { publishDate: shift(-1), backdate: { reason: '已张贴', photo: PDF } }),
      /张贴现场照片只能是/,
    );
    // the limit is inclusive: 3 days back may be recorded, 4 may not
    await refused(
      () => staff.post(`/api/notices/${id}/publish`, { publishDate: shift(-4), backdate: { reason: '已张贴', photo: PNG } }),
      /最多可追溯3日/,
    );
  });

  it('a paper notice posted 3 days ago is recorded with its reason and photo, and shown as 补录 to staff and the public', async () => {
    const id = await draft();
    const r = await staff.post(`/api/notices/${id}/publish`, {
      publishDate: shift(-3),
      backdate: { reason: '纸质公告已在小区公告栏张贴，平台补录', photo: PNG },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      publishDate: shift(-3),
      backdate: { label: '补录', reason: '纸质公告已在小区公告栏张贴，平台补录', recordedOn: todayInChina() },
    });
    const photo = r.json().backdate.photoAttachmentId;
    expect(r.json().attachments.map((a: { id: number }) => a.id)).toContain(photo);
    const pub = (await t.app.inject(`/api/public/estates/${estate()}/notices`)).json();
    expect([...pub.current, ...pub.past].find((n: { id: number }) => n.id === id).backdate).toMatchObject({ label: '补录' });
    const print = await t.app.inject(`/api/public/notices/${id}/print`);
    expect(print.body).toContain('补录');
    // a notice posted today is no 补录
    const today = await staff.post(`/api/notices/${await draft()}/publish`, {});
    expect(today.json().backdate).toBeNull();
  });

  it('a formation announcement and a member-list publicity cannot be dated back either', async () => {
    const c = await admin.post('/api/formation/cases', { estateId: estate(), reason: 'assemblyNotPossible' });
    expect(c.statusCode, c.body).toBe(201);
    await refused(() => staff.post(`/api/formation/cases/${c.json().id}/announce`, { publishDate: shift(-20) }), /补录的期限/);
    await refused(() => staff.post(`/api/formation/cases/${c.json().id}/announce`, { publishDate: shift(-2) }), /补录原因/);
    const ok = await staff.post(`/api/formation/cases/${c.json().id}/announce`, {
      publishDate: shift(-2),
      backdate: { reason: '纸质公告已张贴', photo: PNG },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const notice = await t.db.selectFrom('public_notice').selectAll().where('id', '=', ok.json().announcement.id).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ publish_date: shift(-2), backdate_reason: '纸质公告已张贴' });
    expect(ok.json().announcement.backdated).toBe(true);
  });

  it('a decision cannot be opened after its own closing date', async () => {
    const r = await staff.post('/api/decisions', {
      estateId: estate(),
      title: '过期的表决',
      organiser: '物业管理委员会',
      motions: [{ title: '修改管理规约', item: 2 }],
      opensOn: shift(-40),
      closesOn: shift(-30),
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    // recorded as announced long ago (what a back-dated announcement used to allow)
    await ddb(t.db)
      .updateTable('decision')
      .set({ state: 'announced', announced_on: shift(-60) })
      .where('id', '=', id)
      .execute();
    const before = await auditCount(t.db);
    const open = await staff.post(`/api/decisions/${id}/open`);
    expect(open.statusCode, open.body).toBe(409);
    expect(open.json().message).toMatch(/截止日期.*已过/);
    expect(await auditCount(t.db)).toBe(before);
  });
});
