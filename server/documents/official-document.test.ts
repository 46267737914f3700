import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { GB9704, renderOfficialDocx, renderOfficialHtml } from './official-document.js';

const doc = {
  title: '关于组建和悦邸物业管理委员会的公告',
  recipient: '和悦邸全体业主：',
  paragraphs: ['根据《XX街道物业管理委员会组建运行实施办法》，现将有关事项公告如下。', '一、委员条件', '热心公益，遵纪守法。'],
  issuer: '和睦街道办事处',
  date: '2025-10-13',
};

describe('official documents after GB/T 9704-2012', () => {
  it('the .docx has A4 paper, the standard margins, 22 pt title in 小标宋 and 16 pt 仿宋 body on a fixed line', async () => {
    const buf = await renderOfficialDocx(doc);
    expect(buf.subarray(0, 2).toString()).toBe('PK'); // a real OOXML zip
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    const twip = (mm: number) => Math.floor((mm / 25.4) * 1440); // the docx library truncates to whole twips
    expect(xml).toMatch(new RegExp(`<w:pgSz w:w="${twip(210)}" w:h="${twip(297)}"`));
    expect(xml).toContain(`w:top="${twip(37)}"`);
    expect(xml).toContain(`w:bottom="${twip(35)}"`);
    expect(xml).toContain(`w:left="${twip(28)}"`);
    expect(xml).toContain(`w:right="${twip(26)}"`);
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain(`<w:sz w:val="${GB9704.titleHalfPoints}"/>`);
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain(`w:line="${GB9704.lineTwips}" w:lineRule="exact"`);
    expect(xml).toContain('w:firstLine="640"');
    expect(xml).toContain('2025年10月13日');
    expect(xml).toContain('和睦街道办事处');
    expect(xml).toContain('黑体'); // the level-1 heading
    const footers = Object.keys(zip.files).filter((f) => f.startsWith('word/footer'));
    expect(footers.length).toBe(2); // odd and even page numbers
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('evenAndOddHeaders');
  });

  it('the printable HTML has the same page and escapes what it prints', () => {
    const html = renderOfficialHtml({ ...doc, paragraphs: ['<script>alert(1)</script>'] });
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('2025年10月13日');
  });

  it('no bidi override, zero-width or control character reaches the document, whatever was stored (issue 20)', async () => {
    const dirty = {
      ...doc,
      title: '关于\u202e组建\u200b物管会\u200d的公告',
      paragraphs: ['业主张\u200c三\u2066（\u200f）\u2069\u0007同意。'],
      issuer: '和睦\ufeff街道办事处\u2060',
    };
    const zip = await JSZip.loadAsync(await renderOfficialDocx(dirty));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('关于组建物管会的公告');
    expect(xml).toContain('业主张三（）同意。');
    expect(xml).toContain('和睦街道办事处');
    expect(xml).not.toMatch(/[\u0007\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/); // eslint-disable-line no-control-regex
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).not.toMatch(/[\u200b-\u200f\u202a-\u202e]/);
    const html = renderOfficialHtml(dirty);
    expect(html).toContain('关于组建物管会的公告');
    expect(html).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/);
  });
});
