import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { PhotoSource } from '@shared/export/html';
import { hostileRelease } from '@shared/export/hostile';
import { defaultExportOptions } from '@shared/export/options';
import { renderRelease } from '@shared/export/render';
import { samplePhotoId, sampleReleases } from '@shared/export/sample-releases';

const gif = readFileSync('e2e/fixtures/dot.gif').toString('base64');
const photos: PhotoSource = (id) => (id === samplePhotoId ? { mime: 'image/gif', base64: gif, width: 3, height: 2 } : null);

test('hostile content in every field runs no script in the exported HTML, and leaves no handler or javascript: URL', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const draft of [false, true]) {
    await page.setContent(renderRelease(hostileRelease(samplePhotoId), 'html', defaultExportOptions, draft, photos));
    await page.waitForTimeout(200);
    const findings = await page.evaluate(() => {
      const elements = [...document.querySelectorAll('*')];
      return {
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        scripts: document.querySelectorAll('script, iframe, object, embed, svg, math').length,
        handlers: elements.flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on'))),
        javascriptUrls: elements.flatMap((element) =>
          ['href', 'src', 'action', 'formaction']
            .map((name) => element.getAttribute(name) ?? '')
            .filter((value) => /^\s*javascript:/i.test(value)),
        ),
        headline: document.querySelector('h1')?.textContent,
      };
    });
    expect(findings).toEqual({ xss: null, scripts: 0, handlers: [], javascriptUrls: [], headline: '<script>window.__xss = 1</script>' });
  }
  expect(dialogs).toEqual([]);
});

/**
 * The plain text and the HTML say the same thing. The text's own conventions are
 * undone first: a link's "(address)", list markers and the "Photo: " prefix.
 */
test('the visible text of the HTML export equals the plain-text export', async ({ page }) => {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const undoTextConventions = (text: string) =>
    text
      .replace(/ \((https?:|mailto:)[^)\s]+\)/g, '')
      .replace(/^(\s*)(- |\d+\. )/gm, '$1')
      .replace(/^Photo: /gm, '');
  for (const [name, content] of Object.entries(sampleReleases)) {
    await page.setContent(renderRelease(content, 'html', defaultExportOptions, false, photos));
    const visible = await page.evaluate(() => document.body.innerText);
    const text = renderRelease(content, 'txt', defaultExportOptions, false, photos);
    expect(normalise(visible), name).toBe(normalise(undoTextConventions(text)));
  }
});
