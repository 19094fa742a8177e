import { readFileSync } from 'node:fs';
import { body, choosePhoto, expect, expectSaved, field, newRelease, test } from '../support/fixtures';

const fixture = (name: string) => `e2e/fixtures/${name}`;

test('first run asks who is writing, and the release records it', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Dateline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await page.getByLabel('Your name').fill('Badr Saleh');
  await page.getByRole('button', { name: 'Continue' }).click();
  await newRelease(page);
  await field(page, 'Headline').fill('Harbour reopens');
  await expectSaved(page);
  await expect(page.getByRole('complementary', { name: 'Release details' })).toContainText('AuthorBadr Saleh');
  await page.reload();
  await expect(page.getByRole('navigation')).toContainText('Badr Saleh');
});

test('every part of a release survives a reload', async ({ app }) => {
  await newRelease(app);
  await field(app, 'Release line').selectOption('embargoed');
  await field(app, 'Embargo date').fill('2026-12-01');
  await field(app, 'Embargo time').fill('09:30');
  await field(app, 'Embargo time zone').selectOption('Asia/Dubai');
  await field(app, 'Headline').fill('Harbour authority opens the eastern quay');
  await field(app, 'Subheadline').fill('Container capacity doubles ahead of schedule');

  await choosePhoto(app, 'Add photo', fixture('harbour.jpg'));
  const lead = app.getByRole('region', { name: 'Lead photo' });
  await lead.getByLabel('Caption').fill('The first vessel berths at the eastern quay');
  await lead.getByLabel('Credit').fill('Media Office');
  await lead.getByLabel('Alt text').fill('A container ship beside three cranes at dawn');

  await field(app, 'Dateline city').fill('Abu Dhabi');
  await field(app, 'Dateline date').fill('2026-12-01');

  await body(app).click();
  await app.keyboard.type('The authority opened the quay today with ');
  await app.keyboard.press('ControlOrMeta+b');
  await app.keyboard.type('two new berths');
  await app.keyboard.press('ControlOrMeta+b');
  await app.keyboard.type('.');
  await app.keyboard.press('Enter');
  await app.getByRole('button', { name: 'Subheading', exact: true }).click();
  await app.keyboard.type('Background');
  await app.keyboard.press('Enter');
  await app.getByRole('button', { name: 'Bulleted list' }).click();
  await app.keyboard.type('First berth');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Second berth');
  await app.keyboard.press('Enter');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Details at ');
  await app.keyboard.press('ControlOrMeta+k');
  await app.getByLabel('Link address').fill('harbour.example/quay');
  await app.getByRole('button', { name: 'Apply link' }).click();
  await choosePhoto(app, 'Insert photo in body', fixture('skyline.png'));
  const figure = body(app).locator('figure');
  await figure.getByLabel('Caption').fill('The city seen from the new quay');
  await figure.getByLabel('Credit').fill('Layla Nasser');
  await figure.getByLabel('Alt text').fill('Skyline at dusk');

  await field(app, 'Boilerplate').fill('About the Harbour Authority: it runs the city’s three ports.');
  await field(app, 'Media contact').fill('Layla Nasser, Head of Media, +971 2 000 0000, media@harbour.example');
  await field(app, 'Sign-off').fill('Media Office');
  await field(app, 'End mark').fill('-30-');
  await expectSaved(app);

  await app.reload();
  await expect(field(app, 'Release line')).toHaveValue('embargoed');
  await expect(field(app, 'Embargo date')).toHaveValue('2026-12-01');
  await expect(field(app, 'Embargo time')).toHaveValue('09:30');
  await expect(field(app, 'Embargo time zone')).toHaveValue('Asia/Dubai');
  await expect(field(app, 'Headline')).toHaveValue('Harbour authority opens the eastern quay');
  await expect(field(app, 'Subheadline')).toHaveValue('Container capacity doubles ahead of schedule');
  await expect(lead.getByLabel('Caption')).toHaveValue('The first vessel berths at the eastern quay');
  await expect(lead.getByLabel('Credit')).toHaveValue('Media Office');
  await expect(lead.getByLabel('Alt text')).toHaveValue('A container ship beside three cranes at dawn');
  await expect(lead.getByRole('img')).toHaveJSProperty('naturalWidth', 1200);
  await expect(field(app, 'Dateline city')).toHaveValue('Abu Dhabi');
  await expect(field(app, 'Dateline date')).toHaveValue('2026-12-01');
  await expect(body(app)).toContainText('ABU DHABI, December 1, 2026 — The authority opened the quay today with two new berths.');
  await expect(body(app).locator('strong')).toHaveText('two new berths');
  await expect(body(app).locator('h2')).toHaveText('Background');
  await expect(body(app).locator('li')).toHaveText(['First berth', 'Second berth']);
  await expect(body(app).getByRole('link', { name: 'harbour.example/quay' })).toHaveAttribute('href', 'https://harbour.example/quay');
  await expect(figure.getByRole('img')).toHaveJSProperty('naturalWidth', 640);
  await expect(figure.getByLabel('Caption')).toHaveValue('The city seen from the new quay');
  await expect(figure.getByLabel('Credit')).toHaveValue('Layla Nasser');
  await expect(figure.getByLabel('Alt text')).toHaveValue('Skyline at dusk');
  await expect(field(app, 'Boilerplate')).toHaveValue('About the Harbour Authority: it runs the city’s three ports.');
  await expect(field(app, 'Media contact')).toHaveValue('Layla Nasser, Head of Media, +971 2 000 0000, media@harbour.example');
  await expect(field(app, 'Sign-off')).toHaveValue('Media Office');
  await expect(field(app, 'End mark')).toHaveValue('-30-');
  await expect(app.getByRole('complementary', { name: 'Release details' })).toContainText('Caption, credit and alt text done');
});

test('undo and redo in the body, with the toolbar and the keyboard', async ({ app }) => {
  await newRelease(app);
  await body(app).click();
  await app.keyboard.type('Statement on the budget');
  await expect(body(app)).toHaveText('Statement on the budget');
  await app.keyboard.press('ControlOrMeta+z');
  await expect(body(app)).toHaveText('');
  await app.getByRole('button', { name: 'Redo' }).click();
  await expect(body(app)).toHaveText('Statement on the budget');
  await expect(app.getByLabel('Body length')).toHaveText('4 words · 23 characters');
});

test('Arabic reads right to left in the body and in every field', async ({ app }) => {
  await newRelease(app);
  await field(app, 'Language').selectOption('ar');
  await field(app, 'Headline').fill('افتتاح الرصيف الشرقي في الميناء');
  await field(app, 'Dateline city').fill('أبوظبي');
  await field(app, 'Dateline date').fill('2026-09-26');
  await body(app).click();
  await app.keyboard.type('أعلنت هيئة الموانئ اليوم افتتاح الرصيف الشرقي.');
  await app.keyboard.press('Enter');
  await app.keyboard.type('The English quote stays left to right.');
  await expectSaved(app);

  const paragraphs = body(app).locator('p');
  await expect(paragraphs.nth(0)).toContainText('أبوظبي، 26 سبتمبر 2026 —');
  const direction = (locator: typeof paragraphs) => locator.evaluate((element) => (element.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
  expect(await direction(paragraphs.nth(0))).toBe('rtl');
  expect(await direction(paragraphs.nth(1))).toBe('ltr');
  expect(await direction(field(app, 'Headline'))).toBe('rtl');
  // Laid out from the right: the Arabic line hugs the right edge of the page.
  const [line, page] = await Promise.all([
    paragraphs.nth(0).evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getBoundingClientRect().right;
    }),
    paragraphs.nth(0).evaluate((element) => element.getBoundingClientRect().right),
  ]);
  expect(Math.abs(page - line)).toBeLessThan(4);

  await app.reload();
  await expect(body(app)).toContainText('أعلنت هيئة الموانئ اليوم');
  expect(await direction(body(app).locator('p').nth(0))).toBe('rtl');
});

test('a file that is not a photo is refused with a clear message, and nothing changes', async ({ app }) => {
  await newRelease(app);
  await field(app, 'Headline').fill('Photo checks');
  await choosePhoto(app, 'Add photo', {
    name: 'holiday.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('%PDF-1.7 this is a document, not a photo'),
  } as never);
  await expect(app.getByRole('alert')).toContainText(
    '“holiday.jpg” was not added. This file is not a complete JPEG, PNG, WebP or GIF image.',
  );
  await expect(app.getByRole('region', { name: 'Lead photo' }).locator('img')).toHaveCount(0);

  await body(app).click();
  await choosePhoto(app, 'Insert photo in body', {
    name: 'broken.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  } as never);
  await expect(app.getByRole('alert')).toContainText('“broken.png” was not added.');
  await expect(body(app).locator('figure')).toHaveCount(0);
  await expectSaved(app);
});

test('photos can be pasted into the body and dropped on the lead photo slot', async ({ app }) => {
  await newRelease(app);
  const png = readFileSync(fixture('skyline.png')).toString('base64');
  const jpeg = readFileSync(fixture('harbour.jpg')).toString('base64');
  const sendFile = (selector: string, eventType: 'paste' | 'drop', base64: string, name: string, type: string) =>
    app
      .locator(selector)
      .first()
      .evaluate(
        (target, { eventType, base64, name, type }) => {
          const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
          const transfer = new DataTransfer();
          transfer.items.add(new File([bytes], name, { type }));
          const event =
            eventType === 'paste'
              ? new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
              : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: 10, clientY: 10 });
          target.dispatchEvent(event);
        },
        { eventType, base64, name, type },
      );

  await body(app).click();
  await sendFile('.ProseMirror', 'paste', png, 'screenshot.png', 'image/png');
  await expect(body(app).locator('figure img')).toHaveJSProperty('naturalWidth', 640);

  await sendFile('section[aria-label="Lead photo"]', 'drop', jpeg, 'harbour.jpg', 'image/jpeg');
  // No alt text yet, so the image is still decorative to a screen reader: find it by tag.
  await expect(app.getByRole('region', { name: 'Lead photo' }).locator('img')).toHaveJSProperty('naturalWidth', 1200);
  await expectSaved(app);
  await expect(app.getByRole('complementary', { name: 'Release details' }).getByRole('listitem')).toHaveCount(2);
});
