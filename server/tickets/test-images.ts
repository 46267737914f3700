import zlib from 'node:zlib';

/**
 * Small real images for tests (made by Chromium's canvas): an 8×8 JPEG and a 4×4 PNG, and the same
 * with location data added as a phone camera writes it (an Exif with a GPS IFD; XMP with exif:GPS;
 * a PNG eXIf chunk), to prove that what is stored carries none of it.
 */
export const PLAIN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAdEAABAgcAAAAAAAAAAAAAAAAAERYlMlJlgpLw/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EACARAAEDBAIDAAAAAAAAAAAAAAECEUEAAxIiBFETFCH/2gAMAwEAAhEDEQA/AIkGbN3zr1l5QAOuLxfXz3UrJRVsXZ4HSRAijF695cdQGAHwM7SeyZNf/9k=',
  'base64',
);
export const PLAIN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAI0lEQVR4AYTIMQ0AAAwCwQYllVSJdQorYeGTXw77Rx8TdRAAAAD//48JaT4AAAAGSURBVAMA5v8IRTWBfnAAAAAASUVORK5CYII=',
  'base64',
);

/** A little-endian TIFF block: IFD0 with Orientation and a GPSInfo pointer; a GPS IFD with latitude 39°54'12.34" N. */
export function gpsTiff(orientation = 6): Buffer {
  const t = Buffer.alloc(92);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(2, 8);
  // Orientation (0x0112) SHORT 1
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(orientation, 18);
  // GPSInfo (0x8825) LONG 1 → 38
  t.writeUInt16LE(0x8825, 22);
  t.writeUInt16LE(4, 24);
  t.writeUInt32LE(1, 26);
  t.writeUInt32LE(38, 30);
  t.writeUInt32LE(0, 34);
  // GPS IFD at 38
  t.writeUInt16LE(2, 38);
  t.writeUInt16LE(0x0001, 40); // GPSLatitudeRef ASCII 2 "N"
  t.writeUInt16LE(2, 42);
  t.writeUInt32LE(2, 44);
  t.write('N\0', 48, 'latin1');
  t.writeUInt16LE(0x0002, 52); // GPSLatitude RATIONAL 3 → 68
  t.writeUInt16LE(5, 54);
  t.writeUInt32LE(3, 56);
  t.writeUInt32LE(68, 60);
  t.writeUInt32LE(0, 64);
  [39, 1, 54, 1, 1234, 100].forEach((v, k) => t.writeUInt32LE(v, 68 + k * 4));
  return t;
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The plain JPEG as a phone camera would give it: Exif with GPS (and orientation 6), XMP with GPS, a comment. */
export function jpegWithGps(base: Buffer = PLAIN_JPEG, orientation = 6): Buffer {
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsTiff(orientation)]));
  const xmp = segment(
    0xe1,
    Buffer.from(
      'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="39,54.2057N" exif:GPSLongitude="116,23.4567E"/></x:xmpmeta>',
      'latin1',
    ),
  );
  const comment = segment(0xfe, Buffer.from('taken at home', 'latin1'));
  return Buffer.concat([base.subarray(0, 2), exif, xmp, comment, base.subarray(2)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The plain PNG with an eXIf chunk holding GPS and an iTXt chunk holding XMP GPS. */
export function pngWithGps(): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    PLAIN_PNG.subarray(0, ihdrEnd),
    pngChunk('eXIf', gpsTiff(1)),
    pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<rdf:Description exif:GPSLatitude="39,54.2057N"/>', 'latin1')),
    PLAIN_PNG.subarray(ihdrEnd),
  ]);
}
