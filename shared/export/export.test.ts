import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PhotoSource } from './html';
import { defaultExportOptions, draftMark, exportFileName, exportFormats, type ExportFormat } from './options';
import { wrapLine } from './plain-text';
import { renderRelease } from './render';
import { samplePhotoId, sampleReleases } from './sample-releases';

const gif = readFileSync(new URL('../../e2e/fixtures/dot.gif', import.meta.url)).toString('base64');
const photos: PhotoSource = (id) => (id === samplePhotoId ? { mime: 'image/gif', base64: gif, width: 3, height: 2 } : null);
const extension: Record<ExportFormat, string> = { txt: 'txt', html: 'html', fragment: 'fragment.html' };

describe('golden exports', () => {
  for (const [name, content] of Object.entries(sampleReleases)) {
    for (const format of exportFormats) {
      it(`${name} as ${format}`, () => {
        const output = renderRelease(content, format, defaultExportOptions, false, photos);
        const golden = new URL(`./golden/${name}.${extension[format]}`, import.meta.url);
        // UPDATE_GOLDEN=1 rewrites them after a deliberate change; review the diff before committing.
        if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
          if (!process.env.UPDATE_GOLDEN) throw new Error(`missing golden file ${golden.pathname}; run with UPDATE_GOLDEN=1`);
          writeFileSync(golden, output);
        }
        expect(output).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }

  it('is byte-identical every time', () => {
    for (const content of Object.values(sampleReleases)) {
      for (const format of exportFormats) {
        expect(renderRelease(structuredClone(content), format, defaultExportOptions, false, photos)).toBe(
          renderRelease(content, format, defaultExportOptions, false, photos),
        );
      }
    }
  });
});

describe('plain text', () => {
  const text = (name: string, options = {}) =>
    renderRelease(sampleReleases[name]!, 'txt', { ...defaultExportOptions, ...options }, false, photos);

  it('leads the first paragraph with the dateline, in full or AP style', () => {
    expect(text('embargoed')).toContain('\n\nABU DHABI, September 26, 2026 — The Harbour Authority today opened');
    expect(text('embargoed', { datelineStyle: 'ap' })).toContain('ABU DHABI, Sept. 26, 2026 — ');
    expect(text('embargoed', { datelineStyle: 'ap' })).toContain('EMBARGOED UNTIL Dec. 1, 2026, 09:30 (Asia/Dubai)');
  });

  it('puts the embargo with its time zone first, and the draft mark above everything', () => {
    const draft = renderRelease(sampleReleases.embargoed!, 'txt', defaultExportOptions, true, photos);
    expect(draft.split('\n').slice(0, 3)).toEqual([draftMark, '', 'EMBARGOED UNTIL December 1, 2026, 09:30 (Asia/Dubai)']);
  });

  it('writes lists, links and photo lines the way email readers expect', () => {
    const output = text('lists-and-links');
    expect(output).toContain('- Hourly sailings from 6:00\n- Late boats on Fridays');
    expect(output).toContain('1. Book online\n2. Show the ticket at the pier');
    expect(output).toContain('Details are in the full timetable (https://ferries.example/winter).');
    expect(output).toContain('Questions: press@ferries.example\n');
    expect(text('photos')).toContain('Photo: Conservators at work (Sara Ali)');
    expect(text('photos', { includeCaptions: false })).not.toContain('Photo:');
  });

  it('wraps at 72 columns without breaking words or URLs', () => {
    const url = `https://example.org/${'x'.repeat(90)}`;
    const wrapped = wrapLine(`Read ${url} and then carry on with a sentence that is long enough to need wrapping twice over here.`);
    for (const line of wrapped.split('\n')) expect(line.length <= 72 || line === url).toBe(true);
    expect(wrapped.replace(/\n/g, ' ')).toBe(
      `Read ${url} and then carry on with a sentence that is long enough to need wrapping twice over here.`,
    );
    const output = text('embargoed', { wrap: true });
    expect(Math.max(...output.split('\n').map((line) => line.length))).toBeLessThanOrEqual(72);
  });

  it('leaves inline-comment anchors out', () => {
    const content = structuredClone(sampleReleases.embargoed!);
    content.body.content![0]!.content = [
      { type: 'text', text: 'The Harbour Authority ' },
      { type: 'text', text: 'today', marks: [{ type: 'comment', attrs: { commentId: '0b7e6d2c-1111-4a4a-9b9b-123456789abc' } }] },
      { type: 'text', text: ' opened the eastern quay, doubling the port’s container capacity.' },
    ];
    for (const format of exportFormats) {
      const output = renderRelease(content, format, defaultExportOptions, false, photos);
      expect(output).toBe(renderRelease(sampleReleases.embargoed!, format, defaultExportOptions, false, photos));
    }
  });
});

describe('HTML', () => {
  it('sets lang and dir from the release', () => {
    expect(renderRelease(sampleReleases.arabic!, 'html', defaultExportOptions, false, photos)).toContain('<html lang="ar" dir="rtl">');
    expect(renderRelease(sampleReleases.embargoed!, 'html', defaultExportOptions, false, photos)).toContain('<html lang="en" dir="ltr">');
  });

  it('embeds photos and loads nothing from outside', () => {
    const html = renderRelease(sampleReleases.photos!, 'html', defaultExportOptions, false, photos);
    expect(html).toContain(`<img src="data:image/gif;base64,${gif}" alt="A glass atrium with visitors" width="3" height="2">`);
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
  });

  it('escapes everything typed', () => {
    const content = { ...sampleReleases.embargoed!, headline: '<script>alert(1)</script> & "quotes"' };
    const html = renderRelease(content, 'html', defaultExportOptions, false, photos);
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>');
  });
});

describe('file names', () => {
  it('say what the release is and whether it is a draft', () => {
    expect(exportFileName('Harbour authority opens the eastern quay!', '2026-12-01', 'f0f0f0f0-aaaa', 'html', true)).toBe(
      'harbour-authority-opens-the-eastern-quay-2026-12-01-draft.html',
    );
    expect(exportFileName('Café reopens', '', 'f0f0f0f0-aaaa', 'txt', false)).toBe('cafe-reopens.txt');
    expect(exportFileName('  ', '', 'f0f0f0f0-aaaa', 'fragment', false)).toBe('release-f0f0f0f0.fragment.html');
    expect(exportFileName('بيان وسائل الإعلام', '', 'f0f0f0f0-aaaa', 'txt', false)).toBe('بيان-وسائل-الإعلام.txt');
    expect(exportFileName('Quay\u202eexe.txt\r\u001b[2J opens', '', 'f0f0f0f0-aaaa', 'txt', false)).toBe('quay-exe-txt-2j-opens.txt');
  });
});

describe('characters nobody can see', () => {
  it('are left out of plain text, keeping the direction marks bilingual text needs', () => {
    const content = {
      ...sampleReleases.embargoed!,
      headline: 'Quay\u202eevil\r opens\u001b[31m',
      subheadline: 'Ministry \u200fوزارة\u200e today \u2067الرصيف\u2069 reopens',
    };
    const text = renderRelease(content, 'txt', defaultExportOptions, false, photos);
    expect(text).toContain('Quayevil opens[31m');
    expect(text).toContain('Ministry \u200fوزارة\u200e today \u2067الرصيف\u2069 reopens');
    expect(text.replace(/[\n\t]/g, '')).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
  });
});

describe('hostile content', () => {
  it('produces valid HTML, with every payload kept as text', async () => {
    const { HtmlValidate } = await import('html-validate');
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off' },
    });
    const { hostileRelease, xssPayloads } = await import('./hostile');
    const contents = [...Object.values(sampleReleases), hostileRelease(samplePhotoId)];
    for (const content of contents) {
      for (const draft of [false, true]) {
        const html = renderRelease(content, 'html', defaultExportOptions, draft, photos);
        const report = await validator.validateString(html);
        expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`))).toEqual([]);
      }
    }
    const html = renderRelease(hostileRelease(samplePhotoId), 'html', defaultExportOptions, false, photos);
    // Real tags only: escaped text has no "<" left in it.
    expect(html).not.toMatch(/<(script|iframe|svg|math|img src=x)/i);
    // (Event-handler attributes are looked for in the parsed page, in Chromium: see e2e/browser/export-output.spec.ts.)
    expect(html).not.toMatch(/\s(href|src)="\s*javascript:/i);
    expect(xssPayloads.every((payload) => !html.includes(payload))).toBe(true);
  });
});
