import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maxPhotoBytes } from './limits';
import { photoRefusal, sniffPhoto } from './sniff';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));

describe('sniffPhoto', () => {
  it.each([
    ['harbour.jpg', 'image/jpeg', 1200, 800],
    ['skyline.png', 'image/png', 640, 400],
    ['field.webp', 'image/webp', 800, 533],
    ['dot.gif', 'image/gif', 3, 2],
  ])('reads %s from its bytes', (name, mime, width, height) => {
    expect(sniffPhoto(fixture(name))).toEqual({ mime, width, height });
  });

  it('refuses an image cut short, as an interrupted download leaves it', () => {
    for (const name of ['harbour.jpg', 'skyline.png', 'field.webp', 'dot.gif']) {
      const bytes = fixture(name);
      expect(sniffPhoto(bytes.subarray(0, Math.floor(bytes.length / 3))), name).toBeNull();
    }
  });

  it('refuses files that only pretend to be images', () => {
    const text = new TextEncoder().encode('%PDF-1.7 not a photo at all');
    expect(sniffPhoto(text)).toBeNull();
    const fakeJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(40).fill(7)]);
    expect(sniffPhoto(fakeJpeg)).toBeNull();
  });
});

describe('photoRefusal', () => {
  it('accepts a whole photo', () => {
    expect(photoRefusal(fixture('harbour.jpg'))).toBeNull();
  });

  it('names the size limit when a photo is too large', () => {
    const huge = new Uint8Array(maxPhotoBytes + 1);
    huge.set(fixture('harbour.jpg'));
    expect(photoRefusal(huge)).toBe('This image is 25.1 MB; photos must be 25 MB or smaller.');
  });

  it('refuses an image with more pixels than the budget from its header, before anything decodes it', () => {
    // A small PNG that claims to be 16000×16000 (256 megapixels), as a decompression bomb does.
    const bomb = fixture('skyline.png').slice();
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(16, 16_000);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(20, 16_000);
    expect(sniffPhoto(bomb)).toMatchObject({ width: 16_000, height: 16_000 });
    expect(photoRefusal(bomb)).toBe(
      'This image is 16000×16000 pixels (256 megapixels); photos may have at most 50 megapixels. Save a smaller copy and add that.',
    );
  });

  it('says what is wrong with a file that is not an image', () => {
    expect(photoRefusal(new TextEncoder().encode('hello'))).toBe('This file is not a complete JPEG, PNG, WebP or GIF image.');
    expect(photoRefusal(new Uint8Array())).toBe('This file is empty.');
  });
});
