import QRCode from 'qrcode';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** Whether an address reaches only this machine: a QR code with it is of no use to an owner's phone. */
export function isLocalAddress(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export const LOCAL_POSTER_WARNING =
  '二维码指向本机地址，业主的手机无法打开。请管理员设置环境变量 PUBLIC_URL 为业主可访问的地址（如 https://gongzhi.example.cn）后重新生成海报。';

/**
 * At start: a server bound to a non-loopback address without PUBLIC_URL makes posters from whatever
 * address a request used — often 127.0.0.1 or an internal one. Null when there is nothing to say.
 */
export function publicUrlStartWarning(env: { PUBLIC_URL?: string }, host: string): string | null {
  if (env.PUBLIC_URL?.trim()) return null;
  if (/^(localhost|127(\.\d{1,3}){3}|::1)$/i.test(host)) return null;
  return `未设置 PUBLIC_URL：二维码海报将使用访问时的地址（如 127.0.0.1），业主扫码可能无法打开。请设置 PUBLIC_URL 为业主可访问的地址，如 https://gongzhi.example.cn`;
}

/**
 * The printable A4 poster for an estate's notice board: the estate's name and a QR code leading to
 * its public notice page, so owners can read every notice on their phones.
 */
export async function renderPoster(input: {
  estate: string;
  community: string | null;
  street: string | null;
  url: string;
}): Promise<string> {
  const svg = await QRCode.toString(input.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const warning = isLocalAddress(input.url)
    ? `<div class="warn" role="alert" data-testid="poster-local-warning">${escapeHtml(LOCAL_POSTER_WARNING)}</div>\n  `
    : '';
  const issuer = input.street ? `${input.street.replace(/（演示）$/, '')}办事处` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.estate)} 公告栏二维码</title>
<style>
  @page { size: A4; margin: 20mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #000; }
  .sheet { width: 170mm; min-height: 257mm; margin: 0 auto; padding-top: 18mm; text-align: center; }
  h1 { font-size: 30pt; letter-spacing: 4pt; margin: 0 0 6mm; }
  h2 { font-size: 20pt; font-weight: normal; margin: 0 0 14mm; }
  .qr { width: 110mm; height: 110mm; margin: 0 auto 10mm; }
  .qr svg { width: 100%; height: 100%; }
  p { font-size: 15pt; line-height: 1.8; margin: 0 0 4mm; }
  .url { font-family: monospace; font-size: 10pt; color: #333; word-break: break-all; }
  .issuer { margin-top: 16mm; font-size: 16pt; }
  .print { margin: 8mm auto; padding: 3mm 8mm; font-size: 14pt; }
  .warn { margin: 0 auto 8mm; padding: 3mm 5mm; border: 1px solid #ffccc7; background: #fff2f0; color: #a8071a; font-size: 12pt; text-align: left; }
  @media print { .print { display: none; } }
</style>
</head>
<body>
<div class="sheet">
  ${warning}<h1>${escapeHtml(input.estate)}</h1>
  <h2>公告公示栏</h2>
  <div class="qr" role="img" aria-label="本小区公告栏二维码">${svg}</div>
  <p>微信或手机相机扫码，查看本小区物业管理委员会组建、</p>
  <p>名单公示、异议核查结果、表决结果等全部公告</p>
  <p class="url">${escapeHtml(input.url)}</p>
  <p class="issuer">${escapeHtml([issuer, input.community].filter(Boolean).join(' · '))}</p>
  <button class="print" onclick="window.print()">打印海报</button>
</div>
</body>
</html>`;
}
