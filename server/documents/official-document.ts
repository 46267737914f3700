import { formatDateZh } from '../../core/dates.js';
import { stripForbidden } from '../http/text-hygiene.js';

/**
 * Official documents (公文) laid out after GB/T 9704-2012 《党政机关公文格式》: A4 paper; margins
 * top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area); the title in
 * 2号小标宋 (22 pt) centred; the body in 3号仿宋 (16 pt), 22 lines a page on a fixed 28.95 pt line,
 * each paragraph indented two characters; the issuing body and the date (Arabic numerals) at the
 * right, the date indented four characters, the seal over both; page numbers in 4号宋体 as
 * "— 1 —", right on odd pages and left on even ones.
 */
export interface OfficialDocument {
  title: string;
  /** 主送机关, e.g. "本小区全体业主：" */
  recipient?: string | null;
  /** Body paragraphs, plain text. A paragraph starting with "一、" etc. is a level-1 heading (黑体). */
  paragraphs: string[];
  issuer: string;
  /** 成文日期 'YYYY-MM-DD' */
  date: string;
  /** A mark shown above the title, e.g. "草稿" for unpublished drafts. */
  mark?: string | null;
}

export const GB9704 = {
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  titleFont: '方正小标宋简体',
  bodyFont: '仿宋_GB2312',
  headingFont: '黑体',
  pageNumberFont: '宋体',
  titleHalfPoints: 44, // 2号 = 22 pt
  bodyHalfPoints: 32, // 3号 = 16 pt
  pageNumberHalfPoints: 28, // 4号 = 14 pt
  lineTwips: 579, // 28.95 pt: 22 lines in the 225 mm type area
  charTwips: 320, // one 3号 character = 16 pt
} as const;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const HEADING = /^[一二三四五六七八九十]+、/;

/**
 * Whatever is stored (rows older than the input checks, imported cells): no control, bidi or
 * zero-width character reaches an official document, where it would make a name read otherwise.
 */
function clean(doc: OfficialDocument): OfficialDocument {
  return {
    ...doc,
    title: stripForbidden(doc.title),
    recipient: doc.recipient == null ? doc.recipient : stripForbidden(doc.recipient),
    paragraphs: doc.paragraphs.map(stripForbidden),
    issuer: stripForbidden(doc.issuer),
    mark: doc.mark == null ? doc.mark : stripForbidden(doc.mark),
  };
}

export async function renderOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const d = clean(doc);
  // docx is loaded on first use: importing it takes ~60 ms and ~10 MiB that start-up need not pay.
  const {
    AlignmentType,
    Document,
    Footer,
    LineRuleType,
    Packer,
    PageNumber,
    Paragraph,
    TextRun,
    convertMillimetersToTwip: mm,
  } = await import('docx');
  const bodyRun = (text: string, heading = false) =>
    new TextRun({ text, font: font(heading ? GB9704.headingFont : GB9704.bodyFont), size: GB9704.bodyHalfPoints });
  const line = { line: GB9704.lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent: alignment === AlignmentType.RIGHT ? { right: GB9704.charTwips } : { left: GB9704.charTwips },
          children: [
            new TextRun({
              children: ['— ', PageNumber.CURRENT, ' —'],
              font: font(GB9704.pageNumberFont),
              size: GB9704.pageNumberHalfPoints,
            }),
          ],
        }),
      ],
    });
  const children: InstanceType<typeof Paragraph>[] = [];
  if (d.mark) children.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: line, children: [bodyRun(d.mark, true)] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text: d.title, font: font(GB9704.titleFont), size: GB9704.titleHalfPoints })],
    }),
    new Paragraph({ spacing: line, children: [] }),
  );
  if (d.recipient) children.push(new Paragraph({ spacing: line, children: [bodyRun(d.recipient)] }));
  for (const p of d.paragraphs) {
    children.push(
      new Paragraph({
        spacing: line,
        indent: { firstLine: 2 * GB9704.charTwips },
        alignment: AlignmentType.JUSTIFIED,
        children: [bodyRun(p, HEADING.test(p))],
      }),
    );
  }
  // Two blank lines, then the issuer, then the date four characters from the right; the seal goes over them.
  children.push(new Paragraph({ spacing: line, children: [] }), new Paragraph({ spacing: line, children: [] }));
  children.push(
    new Paragraph({
      spacing: line,
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * GB9704.charTwips },
      children: [bodyRun(d.issuer)],
    }),
  );
  children.push(
    new Paragraph({
      spacing: line,
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * GB9704.charTwips },
      children: [bodyRun(formatDateZh(d.date))],
    }),
  );

  const document = new Document({
    creator: 'gongzhi',
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(GB9704.bodyFont), size: GB9704.bodyHalfPoints } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(GB9704.marginTopMm),
              bottom: mm(GB9704.marginBottomMm),
              left: mm(GB9704.marginLeftMm),
              right: mm(GB9704.marginRightMm),
              footer: mm(28),
              header: mm(15),
            },
          },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The same document as a printable HTML page (A4, the same margins and type sizes). */
export function renderOfficialHtml(doc: OfficialDocument): string {
  const d = clean(doc);
  const paras = d.paragraphs.map((p) => `<p class="${HEADING.test(p) ? 'h1' : ''}">${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title>
<style>
  @page { size: A4; margin: ${GB9704.marginTopMm}mm ${GB9704.marginRightMm}mm ${GB9704.marginBottomMm}mm ${GB9704.marginLeftMm}mm; }
  body { margin: 0; background: #f3f3f3; }
  .page { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: ${GB9704.marginTopMm}mm ${GB9704.marginRightMm}mm ${GB9704.marginBottomMm}mm ${GB9704.marginLeftMm}mm; box-sizing: border-box;
          font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; color: #000; }
  .mark { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
  h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-weight: normal; font-size: 22pt; line-height: 35pt; text-align: center; margin: 0 0 28.95pt; }
  p { margin: 0; text-indent: 2em; text-align: justify; white-space: pre-wrap; }
  p.recipient { text-indent: 0; }
  p.h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
  .issuer { text-align: right; margin-top: 57.9pt; padding-right: 2em; }
  .date { text-align: right; padding-right: 4em; }
  @media print { body { background: none; } .page { margin: 0; width: auto; min-height: auto; padding: 0; } }
</style></head>
<body><div class="page">
${d.mark ? `<div class="mark">${escapeHtml(d.mark)}</div>` : ''}
<h1>${escapeHtml(d.title)}</h1>
${d.recipient ? `<p class="recipient">${escapeHtml(d.recipient)}</p>` : ''}
${paras}
<div class="issuer">${escapeHtml(d.issuer)}</div>
<div class="date">${escapeHtml(formatDateZh(d.date))}</div>
</div></body></html>`;
}
