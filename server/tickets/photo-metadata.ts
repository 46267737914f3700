/**
 * Location data out of photos (issue 16): a photo taken on a phone carries EXIF with GPS coordinates
 * of the place it was taken — often the resident's home. Before a photo is stored its metadata
 * segments are dropped, keeping only what is needed to show it (a JPEG's JFIF, ICC colour profile,
 * Adobe colour transform and its orientation; a PNG's image chunks).
 *
 * JPEG: APP1 (Exif, XMP), APP13 (Photoshop/IPTC), every other APPn but APP0/APP2/APP14, and
 * comments are dropped; the orientation tag is read from the Exif and written back as a minimal
 * Exif of one tag, so a photo taken upright still shows upright. Everything from the first scan
 * on is copied as it is. PNG: eXIf and the text chunks (tEXt, zTXt, iTXt — XMP lives there) and
 * tIME are dropped. Anything that is not a well-formed JPEG or PNG is refused.
 */

export class PhotoFormatError extends Error {}

const KEEP_JPEG_APP = new Set([0xe0, 0xe2, 0xee]);

/** The photo's bytes without location or other metadata; throws PhotoFormatError when it is not a well-formed image. */
export function stripPhotoMetadata(input: Uint8Array, contentType: 'image/jpeg' | 'image/png'): Uint8Array {
  return contentType === 'image/jpeg' ? stripJpeg(input) : stripPng(input);
}

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new PhotoFormatError('不是有效的 JPEG 图片');
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let afterApp0 = 1; // index in parts after which the orientation Exif goes
  let i = 2;
  for (;;) {
    if (i >= b.length) throw new PhotoFormatError('JPEG 图片不完整（没有图像数据）');
    if (b[i] !== 0xff) throw new PhotoFormatError('JPEG 图片结构损坏');
    let j = i;
    while (j < b.length && b[j] === 0xff) j++; // fill bytes
    if (j >= b.length) throw new PhotoFormatError('JPEG 图片不完整');
    const marker = b[j]!;
    const segStart = j - 1;
    if (marker === 0xd9) throw new PhotoFormatError('JPEG 图片没有图像数据');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(b.subarray(segStart, j + 1));
      i = j + 1;
      continue;
    }
    if (j + 2 >= b.length) throw new PhotoFormatError('JPEG 图片不完整');
    const len = (b[j + 1]! << 8) | b[j + 2]!;
    const end = j + 1 + len;
    if (len < 2 || end > b.length) throw new PhotoFormatError('JPEG 图片结构损坏');
    if (marker === 0xda) {
      // Start of scan: the image data and everything after it stay as they are.
      parts.push(b.subarray(segStart));
      break;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (isApp && marker === 0xe1 && orientation === null) orientation = exifOrientation(b.subarray(j + 3, end));
    if ((isApp && !KEEP_JPEG_APP.has(marker)) || marker === 0xfe) {
      i = end;
      continue;
    }
    parts.push(b.subarray(segStart, end));
    if (marker === 0xe0) afterApp0 = parts.length;
    i = end;
  }
  if (orientation !== null && orientation >= 2 && orientation <= 8) parts.splice(afterApp0, 0, orientationExif(orientation));
  return concat(parts);
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 Exif payload, or null. */
function exifOrientation(p: Uint8Array): number | null {
  if (p.length < 14 || String.fromCharCode(...p.subarray(0, 4)) !== 'Exif' || p[4] !== 0 || p[5] !== 0) return null;
  const t = p.subarray(6);
  const le = t[0] === 0x49 && t[1] === 0x49;
  if (!le && !(t[0] === 0x4d && t[1] === 0x4d)) return null;
  const u16 = (o: number) => (o + 2 > t.length ? -1 : le ? t[o]! | (t[o + 1]! << 8) : (t[o]! << 8) | t[o + 1]!);
  const u32 = (o: number) => (o + 4 > t.length ? -1 : le ? (u16(o) | (u16(o + 2) << 16)) >>> 0 : ((u16(o) << 16) | u16(o + 2)) >>> 0);
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 0 || count < 0) return null;
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v > 0 ? v : null;
    }
  }
  return null;
}

/** A minimal APP1 Exif holding only the orientation (big-endian TIFF, one IFD entry). */
function orientationExif(orientation: number): Uint8Array {
  // prettier-ignore
  return Uint8Array.from([
    0xff, 0xe1, 0x00, 0x22,
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // MM, 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DROP_PNG = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array {
  if (b.length < 8 || PNG_SIGNATURE.some((v, k) => b[k] !== v)) throw new PhotoFormatError('不是有效的 PNG 图片');
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  let first = true;
  for (;;) {
    if (i + 12 > b.length) throw new PhotoFormatError('PNG 图片不完整');
    const len = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    const end = i + 12 + len;
    if (end > b.length) throw new PhotoFormatError('PNG 图片结构损坏');
    if (first && type !== 'IHDR') throw new PhotoFormatError('PNG 图片结构损坏');
    first = false;
    if (!DROP_PNG.has(type)) parts.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Whether a JPEG or PNG still carries location data: an Exif with a GPS IFD pointer (tag 0x8825), or XMP with exif:GPS. */
export function hasGpsMetadata(b: Uint8Array): boolean {
  const text = Buffer.from(b).toString('latin1');
  if (text.includes('exif:GPS') || text.includes('GPSLatitude')) return true;
  // tag 0x8825 in either byte order inside an Exif block
  const exif = text.indexOf('Exif\0\0');
  if (exif < 0) return false;
  const tiff = text.slice(exif + 6, exif + 6 + 65536);
  return tiff.includes('\x88\x25') || tiff.includes('\x25\x88');
}
