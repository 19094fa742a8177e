import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { defaultExportOptions } from '@shared/export/options';
import { renderRelease } from '@shared/export/render';
import { bodySchema } from '@shared/release/body';
import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import { formatDateline } from '@shared/release/dateline';
import { datelineLeadInPlugin, leadInKey } from './dateline-lead-in';

const text = (value: string) => [{ type: 'text', text: value }];
const paragraph = (value?: string) => ({ type: 'paragraph', ...(value ? { content: text(value) } : {}) });
const subheading = (value: string) => ({ type: 'heading', attrs: { level: 2 }, content: text(value) });

const releaseWith = (...body: unknown[]): ReleaseContent => ({
  ...emptyReleaseContent(),
  headline: 'Harbour authority opens the eastern quay',
  dateline: { city: 'Abu Dhabi', date: '2026-09-26' },
  body: { type: 'doc', content: body } as ReleaseContent['body'],
});
const dateline = formatDateline({ city: 'Abu Dhabi', date: '2026-09-26' }, 'en');

/** The words the editor shows right after the dateline, or null when it stands on a line of its own. */
function editorLeadsInto(content: ReleaseContent): string | null {
  let state = EditorState.create({ doc: bodySchema.nodeFromJSON(content.body), plugins: [datelineLeadInPlugin()] });
  state = state.apply(state.tr.setMeta(leadInKey, dateline));
  const [widget, ...others] = leadInKey.getState(state)!.decorations.find();
  expect(others).toEqual([]);
  const at = state.doc.resolve(widget!.from);
  return at.parent.type.name === 'doc' ? null : at.parent.textContent;
}

/** The same, read from each export. */
function exportsLeadInto(content: ReleaseContent): Record<string, string | null> {
  const render = (format: 'txt' | 'html' | 'fragment') => renderRelease(content, format, defaultExportOptions, false, () => null);
  const html = (format: 'html' | 'fragment') =>
    /<p><span class="dateline">[^<]*<\/span>(?: ([^<]*))?<\/p>/.exec(render(format))?.[1] ?? null;
  const line = render('txt')
    .split('\n')
    .find((candidate) => candidate.startsWith(dateline))!;
  return { txt: line === dateline ? null : line.slice(dateline.length + 1), html: html('html'), fragment: html('fragment') };
}

describe('the dateline lead-in', () => {
  const cases: [string, ReleaseContent, string | null][] = [
    [
      'a body that starts with a subheading',
      releaseWith(subheading('Background'), paragraph('The quay opened today.')),
      'The quay opened today.',
    ],
    [
      'a body that starts with a quote',
      releaseWith({ type: 'blockquote', content: [paragraph('“A proud day.”')] }, paragraph('The quay opened today.')),
      'The quay opened today.',
    ],
    ['a body that starts with an empty paragraph', releaseWith(paragraph(), paragraph('The quay opened today.')), 'The quay opened today.'],
    ['a body with no paragraph', releaseWith(subheading('Background')), null],
  ];
  for (const [name, content, expected] of cases) {
    it(`sits in the same place in the editor and in every export: ${name}`, () => {
      expect(editorLeadsInto(content)).toBe(expected);
      expect(exportsLeadInto(content)).toEqual({ txt: expected, html: expected, fragment: expected });
    });
  }

  it('never leads a subheading in any export', () => {
    const content = releaseWith(subheading('Background'), paragraph('The quay opened today.'));
    for (const format of ['txt', 'html', 'fragment'] as const) {
      const output = renderRelease(content, format, defaultExportOptions, false, () => null);
      expect(output).not.toMatch(new RegExp(`${dateline}\\s*(<\\/span>\\s*)?Background`));
    }
  });
});
