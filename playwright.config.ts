import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium; Playwright's own browser download is not possible on these machines.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const debianChromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { trace: 'retain-on-failure', viewport: { width: 1360, height: 900 } },
  projects: [
    { name: 'browser', testDir: 'e2e/browser', use: debianChromium },
    // The real built main process and preload on a stand-in for Electron, each window a page in the same Chromium.
    { name: 'desktop', testDir: 'e2e/desktop', use: debianChromium },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
