import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDictionary, DICTIONARIES } from './build-dictionaries.mjs';

// Proves a real Chromium loads the .bdic files we build: with no network, it
// underlines exactly the words our dictionary lacks, and nothing without it.

const CHROMIUM = '/usr/bin/chromium';
const TEXT = 'recieve receive color colour';
const scratch = mkdtempSync(join(tmpdir(), 'bdic-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  marked: Record<string, boolean>; // word -> has a red spelling underline
  requested: string[]; // .bdic file names Chromium tried to download
}

/**
 * Types TEXT into a contenteditable in a fresh, offline Chromium profile whose
 * Dictionaries folder holds `files`; returns which words got underlined.
 */
async function spellCheckIn(
  name: string,
  languages: string[],
  files: Record<string, Buffer>,
  expectMarked: string[],
): Promise<Record<string, boolean>> {
  const profile = join(scratch, name);
  mkdirSync(join(profile, 'Default'), { recursive: true });
  mkdirSync(join(profile, 'Dictionaries'), { recursive: true });
  for (const [fileName, bytes] of Object.entries(files)) writeFileSync(join(profile, 'Dictionaries', fileName), bytes);
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ browser: { enable_spellchecking: true }, spellcheck: { dictionaries: languages, use_spelling_service: false } }),
  );
  const netLog = join(scratch, `${name}.netlog.json`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 700, height: 120 },
    // Every connection goes to a closed local port, so a download cannot succeed.
    args: ['--no-sandbox', '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>', `--log-net-log=${netLog}`],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<div id="e" contenteditable spellcheck="true" style="font: 32px sans-serif; padding: 16px"></div>');
    await page.click('#e');
    await page.keyboard.type(`${TEXT} `);

    // Which words have red pixels just under them. The screenshot is decoded by
    // the page itself, off-document, so nothing in the editor changes.
    const markedWords = async (): Promise<Record<string, boolean>> => {
      const shot = (await page.screenshot()).toString('base64');
      return page.evaluate(
        async ({ shot, words }) => {
          const image = new Image();
          image.src = `data:image/png;base64,${shot}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          const result: Record<string, boolean> = {};
          const walker = document.createTreeWalker(document.getElementById('e')!, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent!.matchAll(/[a-z]+/g)) {
              if (!words.includes(match[0])) continue;
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const box = range.getBoundingClientRect();
              const y = Math.floor(box.bottom) - 4;
              const pixels = context.getImageData(Math.floor(box.left), y, Math.ceil(box.width), 10).data;
              let red = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i]! > 170 && pixels[i + 1]! < 100 && pixels[i + 2]! < 100) red++;
              }
              result[match[0]] = red > 5;
            }
          }
          return result;
        },
        { shot, words: TEXT.split(' ') },
      );
    };

    // Wait for the expected underlines (or, for the control, a fixed 3 s).
    let marked = await markedWords();
    const deadline = Date.now() + (expectMarked.length ? 10_000 : 3_000);
    while (Date.now() < deadline && !(expectMarked.length && expectMarked.every((w) => marked[w]))) {
      await page.waitForTimeout(250);
      marked = await markedWords();
    }
    await page.waitForTimeout(300);
    return await markedWords();
  } finally {
    await context.close();
  }
}

async function run(name: string, languages: string[], files: Record<string, Buffer>, expectMarked: string[] = []): Promise<Run> {
  const marked = await spellCheckIn(name, languages, files, expectMarked);
  // The net log is complete once the browser has closed.
  const log = readFileSync(join(scratch, `${name}.netlog.json`), 'utf8');
  const requested = [...new Set([...log.matchAll(/"url":"[^"]*\/([^"/]+\.bdic)"/g)].map((m) => m[1]!))].sort();
  return { marked, requested };
}

// Skipped only where there is no Chromium to load the files.
describe.skipIf(!existsSync(CHROMIUM))('.bdic dictionaries in Chromium', () => {
  const [us, gb] = DICTIONARIES;
  const built = { us: buildDictionary(us!.npmPackage), gb: buildDictionary(gb!.npmPackage) };

  it('without our files, marks nothing and asks to download exactly the file names we build', async () => {
    const control = await run('control', ['en-US', 'en-GB'], {});
    expect(control.marked).toEqual({ recieve: false, receive: false, color: false, colour: false });
    // Chromium lower-cases the name in the download URL.
    expect(control.requested).toEqual([gb!.fileName.toLowerCase(), us!.fileName.toLowerCase()]);
  }, 30_000);

  it('with en-US, marks only the words US English lacks', async () => {
    const result = await run('en-US', ['en-US'], { [us!.fileName]: built.us }, ['recieve', 'colour']);
    expect(result.marked).toEqual({ recieve: true, receive: false, color: false, colour: true });
    expect(result.requested).toEqual([]);
  }, 30_000);

  it('with en-GB, marks only the words British English lacks', async () => {
    const result = await run('en-GB', ['en-GB'], { [gb!.fileName]: built.gb }, ['recieve', 'color']);
    expect(result.marked).toEqual({ recieve: true, receive: false, color: true, colour: false });
    expect(result.requested).toEqual([]);
  }, 30_000);

  it('checks the MD5 digest: a file with a wrong one is deleted and downloaded again', async () => {
    const corrupt = Buffer.from(built.us);
    corrupt[16]! ^= 0xff; // first byte of the digest in the header
    const result = await run('bad-digest', ['en-US'], { [us!.fileName]: corrupt });
    expect(result.marked).toEqual({ recieve: false, receive: false, color: false, colour: false });
    expect(result.requested).toEqual([us!.fileName.toLowerCase()]);
    expect(existsSync(join(scratch, 'bad-digest', 'Dictionaries', us!.fileName))).toBe(false);
  }, 30_000);
});
