import { body, expect, expectSaved, field, newRelease, test, openAnotherTab } from '../support/fixtures';
import { startHost, stopHost } from '../support/web-host';

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

test('killing the host while typing loses at most the last second', async ({ app, host, browser }) => {
  await newRelease(app);
  await field(app, 'Headline').fill('Typed while the power failed');
  await expectSaved(app);
  const releaseHash = new URL(app.url()).hash;

  await body(app).click();
  const words = Array.from({ length: 200 }, (_, index) => `word${index + 1}`);
  const typed: { text: string; at: number }[] = [];
  const started = Date.now();
  let text = '';
  let killedAt = 0;
  for (const word of words) {
    await app.keyboard.type(`${word} `, { delay: 20 });
    text += `${word} `;
    typed.push({ text, at: Date.now() });
    if (Date.now() - started > 4000) {
      host.process.kill('SIGKILL');
      killedAt = Date.now();
      break;
    }
  }
  expect(killedAt, 'typing went on long enough to kill the host mid-way').toBeGreaterThan(0);
  // The page says so once the first quick retries have failed too.
  await app.keyboard.type('after ');
  await expect(app.getByRole('status')).toHaveText(/^Save failed\. Dateline's store could not be reached/);

  const mustSurvive = normalise(typed.filter((entry) => entry.at <= killedAt - 1000).at(-1)!.text);
  const restarted = await startHost(host.dataDir);
  try {
    const page = await browser.newPage();
    await page.goto(restarted.url);
    await page.evaluate((hash) => (window.location.hash = hash), releaseHash);
    await expect(field(page, 'Headline')).toHaveValue('Typed while the power failed');
    const saved = normalise(await body(page).innerText());
    expect(saved.startsWith(mustSurvive), `saved text "${saved.slice(-60)}" keeps everything up to "${mustSurvive.slice(-30)}"`).toBe(true);
    expect(normalise(text).startsWith(saved)).toBe(true);
    await page.close();
  } finally {
    await stopHost(restarted);
  }
});

test('a save based on a stale version is refused and the newer work is kept', async ({ app, context, host }) => {
  await newRelease(app);
  await field(app, 'Headline').fill('Original headline');
  await expectSaved(app);

  const other = await openAnotherTab(context, host, app);
  await expect(field(other, 'Headline')).toHaveValue('Original headline');

  await field(app, 'Headline').fill('Headline from the first window');
  await expectSaved(app);

  await field(other, 'Headline').fill('Headline from the second window');
  await expect(other.getByRole('status')).toHaveText(/^Not saved\. Amal Haddad saved a newer version of this release/);

  await app.reload();
  await expect(field(app, 'Headline')).toHaveValue('Headline from the first window');

  // The second window's words are not lost either: they become a release of their own.
  await other.getByRole('button', { name: 'Save mine as a copy' }).click();
  await expect(field(other, 'Headline')).toHaveValue('Headline from the second window');
  await expectSaved(other);
  expect(new URL(other.url()).hash).not.toBe(new URL(app.url()).hash);
});
