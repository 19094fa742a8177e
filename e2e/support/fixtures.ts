import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { makeDataDir, startHost, stopHost, type RunningHost } from './web-host';

interface Fixtures {
  /** A fresh browser-mode host with its own empty database. */
  host: RunningHost;
  /** The app, opened from the printed URL and past the first-run name question. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const data = makeDataDir();
    const host = await startHost(data.dir);
    await use(host);
    await stopHost(host);
    data.remove();
  },
  app: async ({ page, host }, use) => {
    // A CSP violation, a React warning or an uncaught error fails the test that caused it.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      const expectedWhileHostIsDown = message.text().includes('net::ERR_CONNECTION_REFUSED');
      if ((message.type() === 'error' || message.type() === 'warning') && !expectedWhileHostIsDown) problems.push(message.text());
    });
    await page.goto(host.url);
    await signIn(page, 'Amal Haddad');
    await use(page);
    expect(problems, 'errors and warnings in the page console').toEqual([]);
  },
});

export { expect };

export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'New release' })).toBeVisible();
}

/** A field of the open release, by its exact accessible name. */
export const field = (page: Page, name: string) => page.getByLabel(name, { exact: true });

export const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status')).toHaveText(/^Saved/);
}

/** Starts a release and waits until its own editor is open (not the one that was open before). */
export async function newRelease(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: 'New release' }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/#\/release\//);
  await expect(field(page, 'Headline')).toHaveValue('');
  await expect(page.getByRole('status')).toHaveText('Saved');
}

export async function choosePhoto(page: Page, buttonName: string, file: string): Promise<void> {
  // Once in CI (never in 60 local runs under load) a click opened no chooser that Playwright saw. A person would
  // click again, so the test does too, at most twice more; a button that never opens the picker still fails.
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.getByRole('button', { name: buttonName }).click();
    try {
      await (await chooser).setFiles(file);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** A new release with its headline, dateline and one paragraph typed in, saved. Returns its id. */
export async function writeRelease(
  page: Page,
  { headline, city = '', date = '', text }: { headline: string; city?: string; date?: string; text: string },
): Promise<string> {
  await newRelease(page);
  await field(page, 'Headline').fill(headline);
  if (city) await field(page, 'Dateline city').fill(city);
  if (date) await field(page, 'Dateline date').fill(date);
  await body(page).click();
  await page.keyboard.type(text);
  await expectSaved(page);
  return new URL(page.url()).hash.slice('#/release/'.length);
}

/** The same view as `page` in a second tab, signed in with the next single-use address the host printed. */
export async function openAnotherTab(context: BrowserContext, host: RunningHost, page: Page): Promise<Page> {
  const other = await context.newPage();
  await other.goto(await host.nextUrl());
  await expect(other.getByRole('button', { name: 'New release' })).toBeVisible();
  await other.evaluate((hash) => (window.location.hash = hash), new URL(page.url()).hash);
  return other;
}

/** Calls the app's own API from inside the page, as its client does (same origin, this tab's session). */
export const callApi = (page: Page, method: string, input: unknown) =>
  page.evaluate(
    async ([name, payload]) =>
      (
        await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Dateline-Session': sessionStorage.getItem('dateline-browser-session')! },
          body: JSON.stringify(payload),
        })
      ).json(),
    [method, input] as const,
  );
