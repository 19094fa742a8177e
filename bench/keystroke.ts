// The keystroke benchmark: the release editor next to bare ProseMirror and a
// plain contenteditable, typed into on the clock for over 20 seconds each at each
// size; and, for comparison, the method BENCHMARKS.md used before.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { JSONContent } from '@tiptap/core';
import { typedText } from './body';
import {
  installKeystrokeProbe,
  installLegacyProbe,
  measureTypingLegacy,
  summarise,
  takeProbeRound,
  typeOnSchedule,
  type KeySample,
  type Summary,
} from './keystroke-latency';

export const editors = ['Dateline release editor', 'bare ProseMirror', 'plain contenteditable'] as const;
export type EditorName = (typeof editors)[number];

export interface Pace {
  /** One key every this many ms, by the clock. */
  intervalMs: number;
  keysPerRound: number;
}

/**
 * One key every 25 ms (40 a second: faster than anyone types, the pace of the
 * outside measurement and of a held key repeating), and one every 100 ms (10 a
 * second, about 120 words a minute: a fast typist). Each pace gives every editor
 * at least 24 seconds of typing at each size.
 */
export const paces: Pace[] = [
  { intervalMs: 25, keysPerRound: 240 },
  { intervalMs: 100, keysPerRound: 75 },
];
/** Each editor types in rounds, taking turns with the others, so that whatever else the machine does falls on all three alike. */
export const rounds = 4;
/** The first keys an editor's page ever gets run cold code; they are typed but not counted. */
export const warmUpKeys = 40;

export interface KeystrokeRow {
  words: number;
  intervalMs: number;
  editor: EditorName;
  summary: Summary;
  /** Keys that never changed the DOM (should be none). */
  missing: number;
  keysPerSecond: number;
  typingSeconds: number;
  autosaves: number;
  /** Median time from a save's request to its response, in ms (the host validates and writes). */
  autosaveRoundTrip: number | null;
  longFrames: number;
  longFrameMs: number;
}

export interface Release {
  words: number;
  id: string;
  body: JSONContent;
}

/** Where the peers' page gets what it needs: the script that mounts them and the app's stylesheet. */
export interface PeerAssets {
  script: string;
  styles: string;
}

async function openEditor(browser: Browser, editor: EditorName, release: Release, appUrl: string, peers: PeerAssets): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  if (editor === 'Dateline release editor') {
    await page.goto(appUrl);
    await page.evaluate((id) => (window.location.hash = `#/release/${id}`), release.id);
  } else {
    await page.setContent('<!doctype html><html lang="en"><meta charset="utf-8"><title>Peer</title><div id="root"></div>');
    await page.addStyleTag({ path: peers.styles });
    await page.addScriptTag({ path: peers.script });
    const mount = editor === 'bare ProseMirror' ? 'mountProseMirror' : 'mountContentEditable';
    await page.evaluate(([name, doc]) => (window as unknown as Record<string, (doc: unknown) => void>)[name as string]!(doc), [
      mount,
      release.body,
    ] as const);
  }
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.waitFor({ timeout: 120_000 });
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await installKeystrokeProbe(page);
  return page;
}

/** Waits for the release editor's last save to land, and stops the run if a save failed: a failed save would not be typing as people do. */
async function everythingSaved(page: Page): Promise<void> {
  const status = page.locator('.save-status');
  await page.waitForFunction(
    () => /save-(saved|failed|conflict)/.test(document.querySelector('.save-status')?.className ?? ''),
    undefined,
    { timeout: 60_000 },
  );
  if (!/save-saved/.test((await status.getAttribute('class')) ?? ''))
    throw new Error(`The release editor did not save: ${await status.innerText()}`);
}

const within = (time: number, keys: KeySample[]) => time >= keys[0]!.start && time <= Math.max(...keys.map((key) => key.end ?? key.start));

/** The release editor, bare ProseMirror and the contenteditable at one size and pace, typed into in turns. */
export async function measureKeystrokes(
  browser: Browser,
  release: Release,
  appUrl: string,
  peers: PeerAssets,
  { intervalMs, keysPerRound }: Pace,
): Promise<KeystrokeRow[]> {
  const text = typedText(rounds * keysPerRound);
  const pages = new Map<EditorName, Page>();
  for (const editor of editors) pages.set(editor, await openEditor(browser, editor, release, appUrl, peers));
  const collected = new Map<
    EditorName,
    { keys: KeySample[]; autosaves: number; roundTrips: number[]; longFrames: number; longFrameMs: number; seconds: number }
  >();
  for (const editor of editors)
    collected.set(editor, { keys: [], autosaves: 0, roundTrips: [], longFrames: 0, longFrameMs: 0, seconds: 0 });

  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...editors] : [...editors].reverse();
    const chunk = text.slice(round * keysPerRound, (round + 1) * keysPerRound);
    for (const editor of order) {
      const page = pages.get(editor)!;
      await page.bringToFront();
      await typeOnSchedule(page, chunk, intervalMs);
      // Let the last keys reach a frame, and the last save finish (so that every save is on record), before anyone else types.
      await page.waitForTimeout(500);
      if (editor === 'Dateline release editor') await everythingSaved(page);
      const taken = await takeProbeRound(page);
      await page.waitForTimeout(300);
      const keys = round === 0 ? taken.keys.slice(warmUpKeys) : taken.keys;
      const into = collected.get(editor)!;
      into.keys.push(...keys);
      into.seconds += (keys.at(-1)!.start - keys[0]!.start) / 1000;
      const saves = taken.saves.filter((save) => within(save.start, keys));
      into.autosaves += saves.length;
      into.roundTrips.push(...saves.map((save) => save.duration));
      const longFrames = taken.longFrames.filter((frame) => within(frame.start, keys));
      into.longFrames += longFrames.length;
      into.longFrameMs += longFrames.reduce((sum, frame) => sum + frame.duration, 0);
    }
  }
  for (const page of pages.values()) await page.close();

  return editors.map((editor) => {
    const { keys, autosaves, roundTrips, longFrames, longFrameMs, seconds } = collected.get(editor)!;
    const measured = keys.filter((key) => key.end !== null);
    return {
      words: release.words,
      intervalMs,
      editor,
      summary: summarise(measured.map((key) => key.end! - key.start)),
      missing: keys.length - measured.length,
      keysPerSecond: (keys.length - rounds) / seconds,
      typingSeconds: seconds,
      autosaves,
      autosaveRoundTrip: roundTrips.length > 0 ? summarise(roundTrips).median : null,
      longFrames,
      longFrameMs,
    };
  });
}

export interface LegacyRow {
  words: number;
  editor: EditorName;
  summary: Summary;
  keysPerSecond: number;
  autosaves: number;
}

/** The characters the old benchmark typed, and how many of its keys it did not count. */
export const legacyTyped = 'The authority confirmed the figures this morning and will publish the full report next week. '.repeat(3);
export const legacyWarmUpKeys = 20;

/** The old method, unchanged: its body, its text, its driver, its probe; the web host in this process as it was. */
export async function measureLegacy(browser: Browser, release: Release, appUrl: string, peersScript: string): Promise<LegacyRow[]> {
  const rows: LegacyRow[] = [];
  for (const editor of ['Dateline release editor', 'bare ProseMirror'] as const) {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    if (editor === 'Dateline release editor') {
      await page.goto(appUrl);
      await page.evaluate((id) => (window.location.hash = `#/release/${id}`), release.id);
      await page.getByText(`${release.words} words`, { exact: false }).first().waitFor({ timeout: 120_000 });
    } else {
      await page.setContent(
        '<!doctype html><meta charset="utf-8"><style>.bench-page{width:650px;margin:40px auto;font:17px/1.65 Georgia,serif;white-space:pre-wrap}</style>',
      );
      await page.addScriptTag({ path: peersScript });
      await page.evaluate(
        (doc) => (window as unknown as { mountLegacyProseMirror: (doc: unknown) => void }).mountLegacyProseMirror(doc),
        release.body,
      );
    }
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.waitFor({ timeout: 120_000 });
    await body.click();
    await page.keyboard.press('ControlOrMeta+End');
    await installLegacyProbe(page);
    const result = await measureTypingLegacy(page, legacyTyped, legacyWarmUpKeys);
    rows.push({
      words: release.words,
      editor,
      summary: summarise(result.samples),
      keysPerSecond: result.keysPerSecond,
      autosaves: result.autosaves,
    });
    await page.close();
  }
  return rows;
}

export const peersScriptPath = join(import.meta.dirname, 'peers.js');
