import { describe, expect, it } from 'vitest';
import { hasGpsMetadata, PhotoFormatError, stripPhotoMetadata } from './photo-metadata.js';
import { jpegWithGps, PLAIN_JPEG, PLAIN_PNG, pngWithGps } from './test-images.js';

describe('photo metadata removal', () => {
  it('a JPEG from a phone loses its Exif GPS, its XMP GPS and its comment; the image data and orientation stay', () => {
    const tagged = jpegWithGps(PLAIN_JPEG, 6);
    expect(hasGpsMetadata(tagged)).toBe(true);
    const out = Buffer.from(stripPhotoMetadata(tagged, 'image/jpeg'));
    expect(hasGpsMetadata(out)).toBe(false);
    expect(out.includes(Buffer.from('taken at home'))).toBe(false);
    expect(out.includes(Buffer.from('GPSLatitude'))).toBe(false);
    // the scan (everything from SOS on) is byte for byte the original's
    const sos = PLAIN_JPEG.indexOf(Buffer.from([0xff, 0xda]));
    expect(out.subarray(out.length - (PLAIN_JPEG.length - sos)).equals(PLAIN_JPEG.subarray(sos))).toBe(true);
    // orientation 6 written back as a one-tag Exif, so the photo still shows upright
    const exif = out.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(exif).toBeGreaterThan(0);
    expect(out.subarray(exif + 6, exif + 6 + 26).toString('hex')).toBe('4d4d002a00000008000101120003000000010006000000000000');
  });

  it('a JPEG without metadata is stored as it came (nothing but its own segments)', () => {
    expect(Buffer.from(stripPhotoMetadata(PLAIN_JPEG, 'image/jpeg')).equals(PLAIN_JPEG)).toBe(true);
  });

  it('a PNG loses its eXIf and XMP text chunks', () => {
    const tagged = pngWithGps();
    expect(hasGpsMetadata(tagged)).toBe(true);
    const out = Buffer.from(stripPhotoMetadata(tagged, 'image/png'));
    expect(hasGpsMetadata(out)).toBe(false);
    expect(out.equals(PLAIN_PNG)).toBe(true);
  });

  it('truncated or forged images are refused', () => {
    expect(() => stripPhotoMetadata(PLAIN_JPEG.subarray(0, 300), 'image/jpeg')).toThrow(PhotoFormatError);
    expect(() => stripPhotoMetadata(Buffer.from('\xff\xd8\xff\xe0 not really', 'latin1'), 'image/jpeg')).toThrow(PhotoFormatError);
    expect(() => stripPhotoMetadata(PLAIN_PNG.subarray(0, 20), 'image/png')).toThrow(PhotoFormatError);
    expect(() => stripPhotoMetadata(Buffer.from('GIF89a'), 'image/png')).toThrow(PhotoFormatError);
  });
});
