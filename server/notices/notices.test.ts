import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../calendar/store.js';
import { todayInChina } from '../clock.js';
import { auditCount, makeStreet, type TestStreet } from '../test/factories.js';
import { publishedOn } from '../test/history.js';
import { publicUrlStartWarning } from './poster.js';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.js';

describe('public notices and objections', () => {
  let t: TestApp;
  let s: TestStreet;
  let staff: Client;
  let admin: Client;
  let owner: Client;
  const estate = () => s.communities[0]!.estates[0]!.id;
  beforeAll(async () => {
    t = await createTestApp();
    await seedCalendarFromPackage(t.db);
    s = await makeStreet(t.db, 'Ntc');
    staff = await login(t.app, s.accounts.staff1!.username);
    admin = await login(t.app, s.accounts.admin!.username);
    owner = await login(t.app, s.accounts.owner!.username);
  });
  afterAll(() => t.close());

  const draft = (over: Record<string, unknown> = {}) =>
    staff.post('/api/notices', {
      nodeId: estate(),
      kind: 'announcement',
      title: '关于组建物业管理委员会的公告',
      body: '委员条件、报名方式和起始日期如下……',
      periodUnit: 'workdays',
      periodDays: 5,
      acceptsObjections: true,
      ...over,
    });

  it('R27: published on 2025-09-26 with 5 working days of publicity, it ends on 2025-10-10; content is then frozen', async () => {
    const d = await draft();
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ status: 'draft', state: 'draft', actions: ['update', 'publish'], periodText: '5个工作日' });
    // posted on 2025-09-26 (a history: users post today, or record a paper posting of the last days)
    await publishedOn(t.db, s.accounts.staff1!.id, d.json().id, '2025-09-26');
    const p = await staff.get(`/api/notices/${d.json().id}`);
    expect(p.json()).toMatchObject({
      status: 'published',
      publishDate: '2025-09-26',
      endDate: '2025-10-10',
      calendarComplete: true,
      state: 'ended',
    });
    const edit = await staff.patch(`/api/notices/${d.json().id}`, { title: '改标题' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toMatch(/已发布，内容不能再修改；如需更正，请发布更正公告/);
    expect((await staff.post(`/api/notices/${d.json().id}/publish`, {})).statusCode).toBe(409);
  });

  it('a title over 200 or a body over 20,000 characters is refused in Chinese, never cut; exactly at the limit it is kept whole', async () => {
    const before = await auditCount(t.db);
    const long = await draft({ title: '题'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('标题不能超过 200 个字');
    const longBody = await draft({ body: '文'.repeat(20001) });
    expect(longBody.statusCode).toBe(400);
    expect(longBody.json().message).toContain('正文不能超过 20000 个字');
    expect(await auditCount(t.db)).toBe(before);
    const full = await draft({ title: '题'.repeat(200), body: '文'.repeat(20000) });
    expect(full.statusCode).toBe(201);
    expect(full.json().title).toHaveLength(200);
    expect(full.json().body).toHaveLength(20000);
    const edit = await staff.patch(`/api/notices/${full.json().id}`, { body: '文'.repeat(20001) });
    expect(edit.statusCode).toBe(400);
  });

  it('a correction supersedes the original; both stay on the public page', async () => {
    const d = await draft({ title: '委员名单公示', kind: 'memberList' });
    await staff.post(`/api/notices/${d.json().id}/publish`, {});
    const c = await staff.post(`/api/notices/${d.json().id}/correction`);
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ title: '【更正】委员名单公示', supersedesId: d.json().id, status: 'draft' });
    expect((await staff.post(`/api/notices/${d.json().id}/correction`)).statusCode).toBe(409); // one pending correction at a time
    const original = (await staff.get(`/api/notices/${d.json().id}`)).json();
    expect(original.actions).not.toContain('correct');
    expect(original.pendingCorrectionId).toBe(c.json().id);
    await staff.post(`/api/notices/${c.json().id}/publish`, {});
    const pub = await t.app.inject(`/api/public/estates/${estate()}/notices`);
    expect(pub.statusCode).toBe(200);
    const all = [...pub.json().current, ...pub.json().past] as { id: number; state: string; supersededById: number | null }[];
    expect(all.find((n) => n.id === d.json().id)).toMatchObject({ state: 'superseded', supersededById: c.json().id });
    expect(all.find((n) => n.id === c.json().id)?.state).toBe('inPublicity');
    // drafts never appear publicly
    const hidden = await draft({ title: '尚未发布的草稿' });
    const again = (await t.app.inject(`/api/public/estates/${estate()}/notices`)).json();
    expect([...again.current, ...again.past].some((n: { id: number }) => n.id === hidden.json().id)).toBe(false);
    expect(again.estate).toMatchObject({ name: 'Ntc小区1-1', community: 'Ntc社区1', street: 'Ntc街道' });
  });

  it('bad notices: 0 or negative days, a period unit without days, objections without a period, a future posting date', async () => {
    const before = await auditCount(t.db);
    expect((await draft({ periodDays: 0 })).json().message).toMatch(/至少 1 天/);
    expect((await draft({ periodDays: -3 })).statusCode).toBe(400);
    expect((await draft({ periodDays: null })).json().message).toMatch(/须同时填写或同时留空/);
    expect((await draft({ periodUnit: null, periodDays: null })).json().message).toMatch(/接受异议的公告必须设定公示期/);
    expect((await draft({ nodeId: s.communities[0]!.grids[0] })).json().message).toMatch(/只能发布在小区、社区或街道/);
    expect(await auditCount(t.db)).toBe(before);
    const d = await draft();
    const future = await staff.post(`/api/notices/${d.json().id}/publish`, { publishDate: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toMatch(/张贴日期不能晚于今天/);
    expect((await staff.post(`/api/notices/${d.json().id}/publish`, { publishDate: '2025-02-30' })).statusCode).toBe(400);
  });

  it('R30: an owner objects online during publicity; verification is due in 5 working days; the street verifies and the result is published', async () => {
    const d = await draft({ title: '名单公示（异议）' });
    await staff.post(`/api/notices/${d.json().id}/publish`, {});
    const filed = await owner.post(`/api/notices/${d.json().id}/objections`, { content: '候选人甲欠缴物业费，不符合条件。' });
    expect(filed.statusCode).toBe(201);
    const objection = filed.json().objections[0];
    expect(objection).toMatchObject({ channel: 'online', status: 'open', receivedOn: todayInChina() });
    expect(objection.verifyDue > objection.receivedOn).toBe(true);
    // staff cannot verify: the street office does (R30)
    expect((await staff.post(`/api/objections/${objection.id}/verify`, { outcome: 'upheld', finding: 'x' })).statusCode).toBe(403);
    const v = await admin.post(`/api/objections/${objection.id}/verify`, {
      outcome: 'upheld',
      finding: '经核实，候选人甲确有欠费，异议成立。',
    });
    expect(v.statusCode).toBe(200);
    expect(v.json().objections[0]).toMatchObject({ status: 'upheld' });
    const result = v.json().objections[0].resultNoticeId;
    const pub = (await t.app.inject(`/api/public/estates/${estate()}/notices`)).json();
    const published = pub.current.find((n: { id: number }) => n.id === result);
    expect(published).toMatchObject({ kind: 'verificationResult', state: 'standing' });
    expect(published.body).toMatch(/经核查，异议成立/);
    expect(JSON.stringify(pub)).not.toContain(s.accounts.owner!.username);
    expect((await admin.post(`/api/objections/${objection.id}/verify`, { outcome: 'rejected', finding: 'again' })).statusCode).toBe(409);
  });

  it('R30: a paper objection is entered by staff with its receipt date; after the period closes it is refused', async () => {
    const d = await draft({ title: '名单公示（纸质异议）' });
    await publishedOn(t.db, s.accounts.staff1!.id, d.json().id, '2025-09-26'); // ends 2025-10-10
    const inTime = await staff.post(`/api/notices/${d.json().id}/objections`, {
      content: '书面异议',
      objectorName: '业主李某',
      objectorUnit: '1-1-101',
      receivedOn: '2025-09-30',
    });
    expect(inTime.statusCode).toBe(201);
    // the last day of the period is still in time (R30)
    const lastDay = await staff.post(`/api/notices/${d.json().id}/objections`, {
      content: '最后一天收到的书面异议',
      objectorName: '业主赵某',
      receivedOn: '2025-10-10',
    });
    expect(lastDay.statusCode, lastDay.body).toBe(201);
    // received 09-30: 5 working days → 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14
    expect(inTime.json().objections[0]).toMatchObject({ channel: 'paper', verifyDue: '2025-10-14', overdue: true });
    const late = await staff.post(`/api/notices/${d.json().id}/objections`, {
      content: '迟到的异议',
      objectorName: '业主王某',
      receivedOn: '2025-10-11',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('公示期已于2025年10月10日结束，不能再提出异议：书面异议须在公示期内向街道办事处提出（R30）');
    const ownerLate = await owner.post(`/api/notices/${d.json().id}/objections`, { content: '我也有异议' });
    expect(ownerLate.statusCode).toBe(409);
    const ownerPaper = await owner.post(`/api/notices/${d.json().id}/objections`, {
      content: '代登记',
      objectorName: '别人',
      receivedOn: '2025-09-30',
    });
    expect(ownerPaper.statusCode).toBe(403);
  });

  it('a notice as an official .docx and a printable page: the period spelled out, drafts only for staff', async () => {
    const d = await draft({ title: '关于组建物业管理委员会的公告（公文）' });
    const draftDoc = await staff.get(`/api/notices/${d.json().id}/document.docx`);
    expect(draftDoc.statusCode).toBe(200);
    expect(draftDoc.headers['content-type']).toMatch(/wordprocessingml/);
    expect(String(draftDoc.headers['content-disposition'])).toContain(encodeURIComponent('关于组建物业管理委员会的公告（公文）.docx'));
    expect((await t.app.inject(`/api/public/notices/${d.json().id}/document.docx`)).statusCode).toBe(404); // not published yet
    await publishedOn(t.db, s.accounts.staff1!.id, d.json().id, '2025-09-26');
    const print = await t.app.inject(`/api/public/notices/${d.json().id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain(
      '公示期为5个工作日，自2025年9月27日起至2025年10月10日止。如有异议，请于公示期内以书面形式向街道办事处提出。',
    );
    expect(print.body).toContain('Ntc街道办事处');
    expect(print.body).toContain('Ntc小区1-1全体业主：');
    expect(print.body).toContain('2025年9月26日');
    const pub = await t.app.inject(`/api/public/notices/${d.json().id}/document.docx`);
    expect(pub.statusCode).toBe(200);
    expect(pub.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('attachments: a real PDF is attached to a draft, copied into its correction, public once published; wrong files refused', async () => {
    const d = await draft({ title: '附件测试' });
    const id = d.json().id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const up = await staff.post(`/api/notices/${id}/attachments`, {
      fileName: '委员名单.pdf',
      contentType: 'application/pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(up.statusCode).toBe(201);
    expect(up.json().attachments).toEqual([
      { id: expect.any(Number), fileName: '委员名单.pdf', contentType: 'application/pdf', size: pdf.length },
    ]);
    const att = up.json().attachments[0].id;
    // the content must be what the type says
    const fake = await staff.post(`/api/notices/${id}/attachments`, {
      fileName: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('hello').toString('base64'),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toBe('附件内容不是PDF，请检查文件类型');
    const exe = await staff.post(`/api/notices/${id}/attachments`, {
      fileName: 'x.exe',
      contentType: 'application/x-msdownload',
      dataBase64: 'TVqQ',
    });
    expect(exe.statusCode).toBe(400);
    const big = await staff.post(`/api/notices/${id}/attachments`, {
      fileName: 'big.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]).toString('base64'),
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toMatch(/不能超过 5 MB/);
    // not public while a draft
    expect((await t.app.inject(`/api/public/notices/${id}/attachments/${att}`)).statusCode).toBe(404);
    const staffGet = await staff.get(`/api/notices/${id}/attachments/${att}`);
    expect(staffGet.statusCode).toBe(200);
    expect(staffGet.rawPayload.equals(pdf)).toBe(true);
    await staff.post(`/api/notices/${id}/publish`, {});
    const pub = await t.app.inject(`/api/public/notices/${id}/attachments/${att}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('application/pdf');
    expect(pub.rawPayload.equals(pdf)).toBe(true);
    // frozen once published
    expect((await staff.delete(`/api/notices/${id}/attachments/${att}`)).statusCode).toBe(409);
    expect(
      (
        await staff.post(`/api/notices/${id}/attachments`, {
          fileName: 'more.pdf',
          contentType: 'application/pdf',
          dataBase64: pdf.toString('base64'),
        })
      ).statusCode,
    ).toBe(409);
    const correction = await staff.post(`/api/notices/${id}/correction`);
    expect(correction.json().attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['委员名单.pdf']);
    // another community's staff cannot fetch it through the staff route
    const other = await login(t.app, s.accounts.staff2!.username);
    expect((await other.get(`/api/notices/${id}/attachments/${att}`)).statusCode).toBe(404);
  });

  it('templates per kind fill in the place and date (R27, R29)', async () => {
    const res = await staff.get(`/api/notices/template?nodeId=${estate()}&kind=announcement`);
    expect(res.statusCode).toBe(200);
    expect(res.json().title).toBe('关于组建Ntc小区1-1物业管理委员会的公告');
    expect(res.json().body).toContain('七人以上单数');
    expect(res.json().body).toContain('十名以上业主联名推荐');
    const list = await staff.get(`/api/notices/template?nodeId=${estate()}&kind=memberList`);
    expect(list.json().body).toContain('5个工作日内完成核查');
    expect((await staff.get(`/api/notices/template?nodeId=${s.communities[1]!.estates[0]!.id}&kind=other`)).statusCode).toBe(404);
    expect((await owner.get(`/api/notices/template?nodeId=${estate()}&kind=other`)).statusCode).toBe(403);
  });

  it('the notice list exports as a real .xlsx, scope-filtered', async () => {
    const res = await staff.get(`/api/notices/export.xlsx?nodeId=${estate()}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('公告')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['编号', '标题', '届满日期']));
    expect(ws.rowCount).toBeGreaterThan(3);
    const other = await login(t.app, s.accounts.staff2!.username);
    const theirs = await other.get('/api/notices/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('公告')!.rowCount).toBe(1); // header only: nothing of community 1
  });

  it('the estate poster is a printable page with a QR code to the public notice page', async () => {
    const res = await t.app.inject({ url: `/api/public/estates/${estate()}/poster`, headers: { host: 'gongzhi.example.cn' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('Ntc小区1-1');
    expect(res.body).toContain(`http://gongzhi.example.cn/public/estates/${estate()}`);
    expect(res.body).toContain('@page { size: A4');
    expect((await t.app.inject(`/api/public/estates/${s.street}/poster`)).statusCode).toBe(404);
    expect(res.body).not.toContain('poster-local-warning');
    expect(res.headers['x-poster-warning']).toBeUndefined();
  });

  it('a poster whose QR code leads to this machine (PUBLIC_URL unset, opened at 127.0.0.1) says so where it is made', async () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000']) {
      const res = await t.app.inject({ url: `/api/public/estates/${estate()}/poster`, headers: { host } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`http://${host}/public/estates/${estate()}`);
      expect(res.body).toContain('data-testid="poster-local-warning"');
      expect(res.body).toContain('二维码指向本机地址');
      expect(res.body).toContain('PUBLIC_URL');
      expect(decodeURIComponent(String(res.headers['x-poster-warning']))).toContain('二维码指向本机地址');
    }
  });

  it('at start: a warning when PUBLIC_URL is unset and the server listens on a non-loopback address', () => {
    expect(publicUrlStartWarning({}, '0.0.0.0')).toMatch(/未设置 PUBLIC_URL/);
    expect(publicUrlStartWarning({}, '192.168.1.10')).toMatch(/PUBLIC_URL/);
    expect(publicUrlStartWarning({ PUBLIC_URL: '' }, '0.0.0.0')).toMatch(/PUBLIC_URL/);
    expect(publicUrlStartWarning({}, '127.0.0.1')).toBeNull();
    expect(publicUrlStartWarning({}, 'localhost')).toBeNull();
    expect(publicUrlStartWarning({ PUBLIC_URL: 'https://gongzhi.example.cn' }, '0.0.0.0')).toBeNull();
  });

  it('scope: another community’s staff and owners of other estates can neither see nor object', async () => {
    const d = await draft({ title: '范围测试' });
    await staff.post(`/api/notices/${d.json().id}/publish`, {});
    const other = await login(t.app, s.accounts.staff2!.username);
    expect((await other.get(`/api/notices/${d.json().id}`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/notices/${d.json().id}/objections`, { content: 'x', objectorName: 'y', receivedOn: todayInChina() }))
        .statusCode,
    ).toBe(404);
    const grid = await login(t.app, s.accounts.grid!.username);
    expect((await grid.post('/api/notices', { nodeId: estate(), kind: 'other', title: 't', body: 'b' })).statusCode).toBe(403);
    const list = (await other.get('/api/notices')).json().items as { id: number }[];
    expect(list.some((n) => n.id === d.json().id)).toBe(false);
    expect((await t.app.inject('/api/public/estates/999999/notices')).statusCode).toBe(404);
    expect((await t.app.inject(`/api/public/estates/${s.communities[0]!.id}/notices`)).statusCode).toBe(404);
  });
});
