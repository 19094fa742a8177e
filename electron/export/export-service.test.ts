import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftMark, defaultExportOptions } from '@shared/export/options';
import { sampleReleases } from '@shared/export/sample-releases';
import { createStores } from '../api/backend';
import { openDatabase } from '../store/database';
import type { Person } from '@shared/api/session';
import { fixtureBytes, refusalOf, useTempDir } from '../testing/temp-store';

function approvedRelease() {
  const stores = createStores(openDatabase(':memory:'));
  const writer = stores.people.add('Amal Haddad', 'writer');
  const reviewer = stores.people.add('Badr Saleh', 'reviewer');
  const release = stores.releases.create(writer.id, sampleReleases.embargoed);
  let { version } = stores.lifecycle.transition(release.id, writer, 'submit', 1, {});
  version = stores.lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
  return { ...stores, writer, reviewer, id: release.id, version };
}
const request = (id: string, format: 'txt' | 'html' | 'fragment' = 'txt') => ({ id, format, options: defaultExportOptions });
const exportsDir = useTempDir();

/** Renders, writes into a fresh folder, records; returns the file as written. */
function exportToDisk(
  stores: ReturnType<typeof createStores>,
  id: string,
  format: 'txt' | 'html' | 'fragment',
  final: boolean,
  actor: Person,
) {
  const file = stores.exports.produceText(request(id, format), final);
  const path = join(exportsDir(), file.fileName);
  stores.exports.writeAndRecord(request(id, format), file, actor, path);
  return { ...file, content: readFileSync(path, 'utf8') };
}

describe('exporting', () => {
  it('exports an approved release as final, marks it Released and records the file’s hash', () => {
    const stores = approvedRelease();
    const { exports, releases, audit, writer, id } = stores;
    const file = exportToDisk(stores, id, 'html', true, writer);
    expect(file.fileName).toBe('harbour-authority-opens-the-eastern-quay-2026-09-26.html');
    expect(file.content).not.toContain(draftMark);
    expect(file.sha256).toBe(createHash('sha256').update(Buffer.from(file.content, 'utf8')).digest('hex'));
    expect(releases.get(id).status).toBe('released');
    expect(audit.list({ releaseId: id, action: 'export' })).toMatchObject([
      { actorName: 'Amal Haddad', details: { format: 'html', fileName: file.fileName, sha256: file.sha256, final: true } },
    ]);
    // Released stays exportable, for the next wire or website.
    expect(exports.produceText(request(id), true).final).toBe(true);
  });

  it('leaves no final file on disk when the approval lapsed while the file was being made (a PDF prints meanwhile)', async () => {
    const { exports, releases, audit, writer, id, version } = approvedRelease();
    const pdfRequest = { id, format: 'pdf' as const, options: defaultExportOptions };
    const file = await exports.produce(pdfRequest, true, async () => {
      // While Chromium prints, another window edits the release, which lapses its approval.
      releases.save(id, version, { ...sampleReleases.embargoed!, headline: 'Harbour authority opens the east quay' }, writer.id);
      return new TextEncoder().encode('%PDF-1.7 printed');
    });
    const folder = exportsDir();
    const refusal = refusalOf(() => exports.writeAndRecord(pdfRequest, file, writer, join(folder, file.fileName)));
    expect(refusal.message).toMatch(/No final file was written/);
    expect(readdirSync(folder)).toEqual([]);
    expect(releases.get(id).status).toBe('draft');
    expect(audit.list({ releaseId: id, action: 'export' })).toEqual([]);
  });

  it('writes no final file made from a version that was edited and approved again while it printed', async () => {
    const { exports, releases, lifecycle, writer, reviewer, id, version } = approvedRelease();
    const pdfRequest = { id, format: 'pdf' as const, options: defaultExportOptions };
    const file = await exports.produce(pdfRequest, true, async () => {
      const edited = releases.save(
        id,
        version,
        { ...sampleReleases.embargoed!, headline: 'Harbour authority opens the east quay' },
        writer.id,
      );
      const submitted = lifecycle.transition(id, writer, 'submit', edited.version, {});
      lifecycle.transition(id, reviewer, 'approve', submitted.version, {});
      return new TextEncoder().encode('%PDF-1.7 the old headline');
    });
    const folder = exportsDir();
    expect(refusalOf(() => exports.writeAndRecord(pdfRequest, file, writer, join(folder, file.fileName)))).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/changed while the file was being made/),
    });
    expect(readdirSync(folder)).toEqual([]);
    expect(releases.get(id).status).toBe('approved');
  });

  it('refuses a final export without a current approval, and changes nothing', () => {
    const { exports, releases, audit, writer, id, version } = approvedRelease();
    releases.save(id, version, { ...sampleReleases.embargoed!, headline: 'Harbour authority opens the east quay' }, writer.id);
    expect(refusalOf(() => exports.produceText(request(id), true)).message).toMatch(/Only an approved release whose approval is current/);
    expect(releases.get(id).status).toBe('draft');
    expect(audit.list({ releaseId: id, action: 'export' })).toEqual([]);
  });

  it('exports anything as a draft, marked on top and in the file name', () => {
    const stores = createStores(openDatabase(':memory:'));
    const writer = stores.people.add('Amal Haddad', 'writer');
    const photo = stores.photos.add(fixtureBytes('dot.gif'));
    const content = {
      ...sampleReleases.embargoed!,
      leadPhoto: { photoId: photo.id, caption: 'The quay', credit: 'Media Office', alt: 'Cranes' },
    };
    const release = stores.releases.create(writer.id, content);
    for (const format of ['txt', 'html', 'fragment'] as const) {
      const file = exportToDisk(stores, release.id, format, false, writer);
      expect(file.fileName).toMatch(/-draft\.(txt|html|fragment\.html)$/);
      const mark = file.content.indexOf(draftMark);
      expect(mark).toBeGreaterThanOrEqual(0);
      expect(mark).toBeLessThan(file.content.indexOf('EMBARGOED UNTIL December 1, 2026, 09:30 (Asia/Dubai)'));
    }
    expect(stores.exports.render(request(release.id, 'html'), false).content).toContain(
      `data:image/gif;base64,${Buffer.from(fixtureBytes('dot.gif')).toString('base64')}`,
    );
    expect(stores.releases.get(release.id).status).toBe('draft');
  });

  it('copies without changing the state: final words once approved, a draft mark before', () => {
    const { exports, releases, id } = approvedRelease();
    const copy = exports.renderCurrent(request(id));
    expect([copy.final, copy.content.includes(draftMark), releases.get(id).status]).toEqual([true, false, 'approved']);
  });

  it('records nothing and releases nothing when the file cannot be written', () => {
    const { exports, releases, audit, writer, id } = approvedRelease();
    const file = exports.produceText(request(id, 'html'), true);
    const missingFolder = join(exportsDir(), 'unplugged-usb-stick');
    expect(() => exports.writeAndRecord(request(id, 'html'), file, writer, join(missingFolder, file.fileName))).toThrow(
      /was not saved: that folder is no longer there/,
    );
    expect(existsSync(missingFolder)).toBe(false);
    expect(releases.get(id).status).toBe('approved');
    expect(audit.list({ releaseId: id, action: 'export' })).toEqual([]);
  });

  it('records a download only for the bytes the release renders to now', () => {
    const { exports, releases, audit, writer, id } = approvedRelease();
    const rendered = exports.render(request(id, 'txt'), true);
    expect(refusalOf(() => exports.recordDownload(request(id, 'txt'), true, '0'.repeat(64), writer)).message).toMatch(
      /changed while it was being exported/,
    );
    expect(releases.get(id).status).toBe('approved');
    exports.recordDownload(request(id, 'txt'), true, rendered.sha256, writer);
    expect(releases.get(id).status).toBe('released');
    expect(audit.list({ releaseId: id, action: 'export' })).toMatchObject([{ details: { sha256: rendered.sha256, final: true } }]);
  });

  it('leaves no file when rendering refuses', () => {
    const { exports, releases, writer, id, version } = approvedRelease();
    releases.save(id, version, { ...sampleReleases.embargoed!, headline: 'Changed after approval' }, writer.id);
    const folder = exportsDir();
    expect(
      refusalOf(() => exports.writeAndRecord(request(id), exports.produceText(request(id), true), writer, join(folder, 'x.txt'))).kind,
    ).toBe('refused');
    expect(readdirSync(folder)).toEqual([]);
  });
});
