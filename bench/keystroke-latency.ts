import type { Page } from '@playwright/test';

/** One key as the page saw it: from its keydown's timestamp to the end of the first frame after its DOM change. */
export interface KeySample {
  /** The keydown's event.timeStamp: when the browser took the key in, before any queueing in the page. */
  start: number;
  /** performance.now() in the first animation frame after the key changed the DOM, after style and layout; null if it never did. */
  end: number | null;
}

export interface ProbeRound {
  keys: KeySample[];
  /** Autosave requests (POST /api/saveRelease) the page made: when each started and how long until its answer. */
  saves: { start: number; duration: number }[];
  /** Frames of 50 ms or more on the page's main thread (Long Animation Frames), by start time and duration. */
  longFrames: { start: number; duration: number }[];
}

/**
 * Installs the probe. For each key it keeps the keydown's event.timeStamp and the
 * time of the first animation frame after the key's DOM change, with style and
 * layout done in that frame. The DOM change is taken to be done when the key's
 * input event fires (text typed natively, then handled by the editor), or when a
 * keydown, keypress or beforeinput handler took the key over (preventDefault, as
 * ProseMirror does for Enter) and that event has been through every handler.
 * Work that delays the frame, such as a long task already running when the key
 * arrives, is inside the measure; the same probe runs in every editor's page.
 */
export async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    interface Pending {
      start: number;
      armed: boolean;
      end: number | null;
    }
    let keys: Pending[] = [];
    let saves: { start: number; duration: number }[] = [];
    let longFrames: { start: number; duration: number }[] = [];
    let current: Pending | null = null;

    const arm = (key: Pending) => {
      if (key.armed) return;
      key.armed = true;
      requestAnimationFrame(() => {
        void document.body.getBoundingClientRect();
        key.end = performance.now();
      });
    };
    document.addEventListener(
      'keydown',
      (event) => {
        current = { start: event.timeStamp, armed: false, end: null };
        keys.push(current);
      },
      true,
    );
    for (const type of ['keydown', 'keypress', 'beforeinput']) {
      window.addEventListener(type, (event) => {
        if (event.defaultPrevented && current) arm(current);
      });
    }
    document.addEventListener('input', () => current && arm(current), true);

    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name.includes('/api/saveRelease')) saves.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'resource' });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longFrames.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'long-animation-frame' });

    /** Hands over everything recorded since the last call. */
    const take = () => {
      const round = { keys: keys.map(({ start, end }) => ({ start, end })), saves, longFrames };
      keys = [];
      saves = [];
      longFrames = [];
      return round;
    };
    Object.assign(window, { keystrokeProbe: { take } });
  });
}

export async function takeProbeRound(page: Page): Promise<ProbeRound> {
  return page.evaluate(() => (window as unknown as { keystrokeProbe: { take: () => ProbeRound } }).keystrokeProbe.take());
}

interface KeyEvent {
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  text: string;
  modifiers: number;
}

const namedKeys: Record<string, Omit<KeyEvent, 'modifiers'>> = {
  ' ': { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
  '.': { key: '.', code: 'Period', windowsVirtualKeyCode: 190, text: '.' },
  ',': { key: ',', code: 'Comma', windowsVirtualKeyCode: 188, text: ',' },
  '\r': { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
};

function keyEvent(char: string): KeyEvent {
  const named = namedKeys[char];
  if (named) return { ...named, modifiers: 0 };
  const upper = char.toUpperCase();
  if (!/^[A-Z]$/.test(upper)) throw new Error(`The typist has no key for ${JSON.stringify(char)}`);
  return { key: char, code: `Key${upper}`, windowsVirtualKeyCode: upper.charCodeAt(0), text: char, modifiers: char === upper ? 8 : 0 };
}

const sleepUntil = async (at: number) => {
  const wait = at - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
};

/**
 * Types `text` as a person does: one key every `intervalMs` by the clock,
 * whatever the page is doing (keydown, then keyup `holdMs` later), through the
 * DevTools protocol. Nothing waits for the page to acknowledge a key before the
 * next is due, so a key that arrives while the page is busy waits, and that wait
 * is measured. `\r` is Enter.
 */
export async function typeOnSchedule(page: Page, text: string, intervalMs: number, holdMs = 10): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const begin = performance.now() + 50;
  const sent: Promise<unknown>[] = [];
  let index = 0;
  for (const char of text) {
    const { text: typed, ...key } = keyEvent(char);
    const at = begin + index++ * intervalMs;
    await sleepUntil(at);
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: typed, unmodifiedText: typed }));
    await sleepUntil(at + holdMs);
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(sent);
  await session.detach();
}

export interface Summary {
  count: number;
  median: number;
  p95: number;
  p99: number;
}

/** Nearest-rank quantiles; nothing is dropped. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
}

// ---------------------------------------------------------------------------
// The method BENCHMARKS.md used until 2026-11, kept so that every run can show
// what it reports next to the method above. It types with Playwright's
// keyboard.type(text, { delay }), which waits for the page to acknowledge each
// keydown and keyup before it goes on (keydown, delay, keyup, next keydown), and
// it ends each key at a task posted from the input event, not at a frame.

export async function installLegacyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: number[] = [];
    const starts: number[] = [];
    let pendingKeydown: number | null = null;
    document.addEventListener('keydown', (event) => (pendingKeydown = event.timeStamp), true);
    document.addEventListener(
      'input',
      () => {
        const started = pendingKeydown;
        pendingKeydown = null;
        if (started === null) return;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          void document.body.getBoundingClientRect();
          samples.push(performance.now() - started);
          starts.push(started);
        };
        channel.port2.postMessage(null);
      },
      true,
    );
    const saveStarts: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name.includes('/api/saveRelease')) saveStarts.push(entry.startTime);
    }).observe({ type: 'resource' });
    Object.assign(window, { legacyProbe: { samples, starts, saveStarts } });
  });
}

export interface LegacyResult {
  samples: number[];
  /** Keys per second the page actually received while the samples were taken. */
  keysPerSecond: number;
  autosaves: number;
}

export async function measureTypingLegacy(page: Page, text: string, warmUpKeys: number): Promise<LegacyResult> {
  await page.keyboard.type(text, { delay: 25 });
  await page.waitForTimeout(200);
  const probe = await page.evaluate(
    () => (window as unknown as { legacyProbe: { samples: number[]; starts: number[]; saveStarts: number[] } }).legacyProbe,
  );
  const starts = probe.starts.slice(warmUpKeys);
  const first = starts[0]!;
  const last = starts.at(-1)!;
  return {
    samples: probe.samples.slice(warmUpKeys),
    keysPerSecond: ((starts.length - 1) / (last - first)) * 1000,
    autosaves: probe.saveStarts.filter((start) => start >= first && start <= last).length,
  };
}
