import type { Page } from '@playwright/test';
import { body, callApi, expect, expectSaved, test, writeRelease } from '../support/fixtures';

/** Pastes HTML into the body as a browser does when it comes from another program. */
const pasteHtml = (page: Page, html: string) =>
  body(page).evaluate((element, markup) => {
    const data = new DataTransfer();
    data.setData('text/html', markup);
    data.setData('text/plain', 'pasted');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);

test('a paste is held to the body’s rules: foreign photos, comments and link extras are left out, and the release still saves', async ({
  app,
}) => {
  const id = await writeRelease(app, { headline: 'Pasted from elsewhere', text: 'Start.' });
  await body(app).click();
  await app.keyboard.press('End');
  const notInThisStore = 'ab'.repeat(32);
  await pasteHtml(
    app,
    [
      '<p>See <a href="https://harbour.example/notice" target="_self" class="evil" title="spoof">the notice</a>.</p>',
      '<figure data-photo-id="not-a-photo" data-caption="Forged"><img src="/x.png"></figure>',
      `<figure data-photo-id="${notInThisStore}" data-caption="From another Dateline"><img src="/photos/${notInThisStore}"></figure>`,
      '<p><span data-comment-id="9b2f7e0c-3a61-4c7e-9a51-0d1f4b8e2c77">Anchored elsewhere</span> stays as words.</p>',
    ].join(''),
  );
  await expect(body(app)).toContainText('See the notice.');
  await expect(body(app)).toContainText('Anchored elsewhere stays as words.');
  await expect(body(app).locator('figure')).toHaveCount(0);
  await expect(app.getByRole('alert')).toContainText('its image is not in this Dateline');
  await expect(app.getByRole('alert')).toContainText('it was not a photo from Dateline');
  await expect(app.getByRole('alert')).toContainText('Comments from elsewhere stay there');
  await expectSaved(app);

  const stored = (await callApi(app, 'getRelease', { id })) as { value: { content: { body: unknown } } };
  const json = JSON.stringify(stored.value.content.body);
  expect(json).toContain('https://harbour.example/notice');
  expect(json).not.toMatch(/evil|spoof|_self|comment|figure/);
});
