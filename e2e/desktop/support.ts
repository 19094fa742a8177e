import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { DesktopBridge } from '@shared/api/bridge';
import { launchDesktopApp, type DesktopApp, type LaunchOptions } from './stand-in/desktop-app';

declare global {
  interface Window {
    /** What the preload exposes; absent when it failed. */
    dateline?: DesktopBridge;
  }
}

interface DesktopFixtures {
  /** A data folder of the test's own, removed afterwards. */
  dataDir: string;
  /** Launches the desktop app on that folder; every app still running at the end is ended. */
  launch: (options?: Omit<LaunchOptions, 'context' | 'dataDir'> & { dataDir?: string }) => DesktopApp;
}

export const test = base.extend<DesktopFixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-desktop-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  launch: async ({ context, dataDir }, use) => {
    const launched: DesktopApp[] = [];
    await use((options = {}) => {
      const app = launchDesktopApp({ context, dataDir, ...options });
      launched.push(app);
      return app;
    });
    for (const app of launched) await app.kill();
  },
});

export { expect };

/** Calls the contract through the preload's bridge, exactly as the renderer does. */
export function invoke<T = unknown>(
  page: Page,
  method: string,
  input: unknown = {},
): Promise<{ ok: boolean; value: T; error?: { kind: string; message: string } }> {
  return page.evaluate(([name, args]) => window.dateline!.invoke(name, args) as Promise<never>, [method, input] as const);
}
