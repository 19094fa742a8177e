import type { Page } from '@playwright/test';

/**
 * Installs the probe: for each key, the time from the keydown event until the
 * page has handled it (every handler, React's commit, ProseMirror's DOM update)
 * and laid the result out. A task posted from the input event runs only after all
 * of that; forcing layout there adds the work the browser must do before it paints.
 */
export async function installLatencyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: number[] = [];
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
        };
        channel.port2.postMessage(null);
      },
      true,
    );
    Object.assign(window, { latencySamples: samples });
  });
}

export async function measureTyping(page: Page, text: string, warmUpKeys: number): Promise<number[]> {
  await page.keyboard.type(text, { delay: 25 });
  await page.waitForTimeout(200);
  const samples = await page.evaluate(() => (window as unknown as { latencySamples: number[] }).latencySamples.slice());
  return samples.slice(warmUpKeys);
}

export function summarise(samples: number[]): { median: number; p95: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), count: sorted.length };
}
