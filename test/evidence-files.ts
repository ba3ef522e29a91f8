import sharp from 'sharp';

/** A photo as a phone takes it: a JPEG whose EXIF names the camera and the GPS position of Kidal. */
export async function photoWithGps(colour = '#a33'): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'PhoneX-Witness' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 26/1 28/1', GPSLongitudeRef: 'E', GPSLongitude: '1/1 24/1 28/1' },
    })
    .toBuffer();
}

export const pngImage = () => sharp({ create: { width: 10, height: 10, channels: 4, background: '#0a0' } }).png().toBuffer();

/** The smallest PDF readers accept. */
export const pdfDocument = () =>
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Whether the JPEG carries EXIF at all, and a GPS directory (tag 0x8825) in it. */
export async function exifOf(bytes: Buffer): Promise<{ exif: boolean; gps: boolean }> {
  const { exif } = await sharp(bytes).metadata();
  if (!exif) return { exif: false, gps: false };
  const littleEndian = exif.subarray(6, 8).toString('latin1') === 'II';
  return { exif: true, gps: exif.includes(Buffer.from(littleEndian ? [0x25, 0x88] : [0x88, 0x25])) };
}

/** The first bytes of an ISO media file (MP4, M4A, HEIC, QuickTime): what the type is read from. */
export function isoMedia(brand: string, compatible = ''): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.writeUInt32BE(24, 0);
  bytes.write(`ftyp${brand.padEnd(4)}`, 4, 'latin1');
  bytes.write(compatible, 16, 'latin1');
  return bytes;
}

/** The first bytes of a WAV recording. */
export function wavRecording(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('RIFF', 0);
  bytes.writeUInt32LE(248, 4);
  bytes.write('WAVEfmt ', 8);
  return bytes;
}
