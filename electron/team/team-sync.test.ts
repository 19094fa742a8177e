import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { releaseBody, releaseContentOf, setReleaseField } from '@shared/release/release-doc';
import { cuttableLink, type CuttableLink } from '../testing/cuttable-link';
import { officePassword, openDesktop, openPage, type Desktop, type Page } from '../testing/team-desktop';
import { openOffice, type Office } from '../testing/team-office';
import { fixtureBytes, releaseContent, useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
const open: { offices: Office[]; links: CuttableLink[]; desktops: Desktop[] } = { offices: [], links: [], desktops: [] };
afterEach(async () => {
  for (const desktop of open.desktops.splice(0)) await desktop.close();
  for (const link of open.links.splice(0)) await link.close();
  for (const office of open.offices.splice(0)) await office.stop();
});

async function office() {
  const opened = await openOffice(tempDir());
  open.offices.push(opened);
  return opened;
}

/** A desktop signed in to the office through a link of its own, which the test can cut. */
async function desktop(team: Office, name: string, role: 'writer' | 'reviewer') {
  await team.join(name, role);
  const link = await cuttableLink(team.url);
  open.links.push(link);
  const opened = openDesktop(join(tempDir(), 'dateline.sqlite3'));
  open.desktops.push(opened);
  await opened.call('connectTeam', { address: link.url, name, password: officePassword });
  return Object.assign(opened, { link });
}

const paragraph = (text: string) => (doc: Y.Doc) => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  releaseBody(doc).push([element]);
};
const bodyText = (content: { body: unknown }) => JSON.stringify(content.body);

async function settled(desktop: Desktop) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await desktop.status();
    if (status.mode === 'team' && status.online && status.waiting === 0) return;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for the desktop to sync: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function eventually(description: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens the release in a page once its words have arrived on that desktop (until then it says they have not). */
async function openArrived(desktop: Desktop, id: string): Promise<Page> {
  let page: Page | null = null;
  await eventually('the release opens', async () => {
    page = await openPage(desktop, id).catch(() => null);
    return page !== null;
  });
  return page!;
}

describe('two desktops on one team server', () => {
  it('see each other’s releases and words, and merge what both wrote while one was cut off', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const created = await amal.call('createRelease', {
      content: releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] }),
    });
    await settled(amal);

    const badr = await desktop(team, 'Badr Saleh', 'writer');
    await eventually('Badr’s desktop lists Amal’s release with its words', async () => {
      const listed = await badr.call('listReleases', { view: 'active' });
      return listed.some((release) => release.id === created.id && release.headline === 'Port opens');
    });

    const amalPage = await openPage(amal, created.id);
    const badrPage = await openArrived(badr, created.id);
    await amalPage.edit((doc) => setReleaseField(doc, 'headline', 'Port opens early'));
    await eventually(
      'Badr’s page receives Amal’s headline',
      async () => (await badrPage.refresh(), badrPage.content().headline === 'Port opens early'),
    );

    // Cut Badr off; both write, in the same headline and the body.
    await badr.link.cut();
    await eventually('Badr’s desktop notices it is offline', async () => {
      const status = await badr.status();
      return status.mode === 'team' && !status.online;
    });
    await badrPage.edit((doc) => setReleaseField(doc, 'headline', 'Port opens early, ferries too'));
    await badrPage.edit(paragraph('Badr wrote this offline.'));
    await amalPage.edit((doc) => setReleaseField(doc, 'subheadline', 'Amal wrote this meanwhile'));
    await amalPage.edit(paragraph('Amal wrote this meanwhile.'));
    expect((await badr.status()).mode === 'team' && ((await badr.status()) as { waiting: number }).waiting).toBeGreaterThan(0);

    await badr.link.mend();
    await settled(badr);
    await settled(amal);
    await eventually('both pages hold both people’s words', async () => {
      await amalPage.refresh();
      await badrPage.refresh();
      return (
        bodyText(amalPage.content()).includes('Badr wrote this offline.') &&
        bodyText(badrPage.content()).includes('Amal wrote this meanwhile.')
      );
    });
    expect(amalPage.content()).toEqual(badrPage.content());
    expect(amalPage.content().headline).toBe('Port opens early, ferries too');
    expect(amalPage.content().subheadline).toBe('Amal wrote this meanwhile');

    // The snapshot everything else reads follows the document on both desktops.
    const amalSaved = await amal.call('getRelease', { id: created.id });
    const badrSaved = await badr.call('getRelease', { id: created.id });
    expect(amalSaved.content).toEqual(badrSaved.content);
    expect(amalSaved.content).toEqual(amalPage.content());
  });
});

describe('review through the team server', () => {
  it('submits and approves there, signs the approval, and a final export checks it; offline, approving is refused and a submit waits', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const ready = releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] });
    const created = await amal.call('createRelease', { content: ready });
    await settled(amal);
    const badr = await desktop(team, 'Badr Saleh', 'reviewer');
    await eventually('Badr’s desktop has the release', async () =>
      (await badr.call('listReleases', { view: 'active' })).some((release) => release.id === created.id),
    );

    // Offline, a submit waits in the queue and shows here at once; back online it reaches the server.
    await amal.link.cut();
    const submitted = await amal.call('transitionRelease', { id: created.id, action: 'submit', baseVersion: created.version });
    expect(submitted.status).toBe('in-review');
    expect(await amal.status()).toMatchObject({ online: false, waiting: 1 });
    await amal.link.mend();
    await settled(amal);
    expect(
      (await team.value<{ status: string }>('teamRelease', { id: created.id }, (await team.join('Amal Haddad', 'writer')).token)).status,
    ).toBe('in-review');

    // Badr approves online; the approval is signed, kept, and verified before Badr's final export.
    await eventually(
      'Badr’s desktop shows the release in review',
      async () => (await badr.call('getRelease', { id: created.id })).status === 'in-review',
    );
    const inReview = await badr.call('getRelease', { id: created.id });
    await badr.link.cut();
    await expect(badr.call('transitionRelease', { id: created.id, action: 'approve', baseVersion: inReview.version })).rejects.toThrow(
      /Approving needs the team server, so the approval can be signed; Dateline cannot reach it/,
    );
    await badr.link.mend();
    await settled(badr);
    const approved = await badr.call('transitionRelease', { id: created.id, action: 'approve', baseVersion: inReview.version });
    expect(approved.status).toBe('approved');
    const final = await badr.call('renderExport', { id: created.id, format: 'txt', final: true, options: undefined });
    expect(final.final).toBe(true);
    await eventually(
      'Amal’s desktop learns of the approval',
      async () => (await amal.call('getRelease', { id: created.id })).status === 'approved',
    );
    expect((await amal.call('renderExport', { id: created.id, format: 'txt', final: true, options: undefined })).final).toBe(true);

    // The final file handed over is recorded on the server too, which marks the release Released there.
    await badr.call('recordExport', { id: created.id, format: 'txt', final: true, options: undefined, sha256: final.sha256 });
    const { token } = await team.join('Badr Saleh', 'reviewer');
    expect((await team.value<{ status: string }>('teamRelease', { id: created.id }, token)).status).toBe('released');
    expect((await badr.call('getRelease', { id: created.id })).status).toBe('released');
  });
});

describe('edits made offline on a release that went into review meanwhile', () => {
  it('are kept as a new draft, never dropped, and the release itself follows the server', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const ready = releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] });
    const created = await amal.call('createRelease', { content: ready });
    await settled(amal);
    const badr = await desktop(team, 'Badr Saleh', 'writer');
    await eventually('Badr’s desktop has the release', async () =>
      (await badr.call('listReleases', { view: 'active' })).some((release) => release.id === created.id),
    );
    const badrPage = await openArrived(badr, created.id);
    await eventually('Badr’s page has the words', async () => (await badrPage.refresh(), badrPage.content().headline === 'Port opens'));

    await badr.link.cut();
    await eventually('Badr’s desktop knows it is offline', async () => !((await badr.status()) as { online: boolean }).online);
    await badrPage.edit(paragraph('Badr’s offline paragraph.'));
    await amal.call('transitionRelease', {
      id: created.id,
      action: 'submit',
      baseVersion: (await amal.call('getRelease', { id: created.id })).version,
    });

    await badr.link.mend();
    await eventually('Badr’s desktop has kept the edits as a new draft', async () =>
      (await badr.call('listReleases', { view: 'active' })).some((release) => release.headline === 'Port opens (your offline edits)'),
    );
    const copy = (await badr.call('listReleases', { view: 'active' })).find(
      (release) => release.headline === 'Port opens (your offline edits)',
    )!;
    expect(bodyText((await badr.call('getRelease', { id: copy.id })).content)).toContain('Badr’s offline paragraph.');
    expect((await badr.status()).mode === 'team' && ((await badr.status()) as { reason: string | null }).reason).toContain(
      'kept as a new draft',
    );
    await eventually('the original on Badr’s desktop is the server’s, in review', async () => {
      const original = await badr.call('getRelease', { id: created.id });
      return original.status === 'in-review' && !bodyText(original.content).includes('Badr’s offline paragraph.');
    });
    await settled(badr);
    expect(bodyText((await amal.call('getRelease', { id: created.id })).content)).not.toContain('Badr’s offline paragraph.');
  });
});

describe('photos of a team release', () => {
  it('go up with the document and come down to the desktop that lacks them', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const created = await amal.call('createRelease', { content: releaseContent({ headline: 'Skyline' }) });
    const photo = await amal.call('addPhoto', { bytes: fixtureBytes('skyline.png') });
    const page = await openPage(amal, created.id);
    await page.edit((doc) =>
      setReleaseField(doc, 'leadPhoto', { photoId: photo.id, caption: 'The skyline', credit: 'Amal', alt: 'Towers' }),
    );
    await settled(amal);

    const badr = await desktop(team, 'Badr Saleh', 'writer');
    await eventually('Badr’s desktop has the release with its photo', async () => {
      const release = await badr.call('getRelease', { id: created.id }).catch(() => null);
      return release?.content.leadPhoto?.photoId === photo.id;
    });
    expect(Buffer.from(badr.backend.photo(photo.id)!.bytes).equals(Buffer.from(fixtureBytes('skyline.png')))).toBe(true);
  });
});

describe('comments on a team release', () => {
  it('are made on the server, and made offline they wait, show here, and arrive once the link is back', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const created = await amal.call('createRelease', { content: releaseContent({ headline: 'Port opens' }) });
    await settled(amal);
    const badr = await desktop(team, 'Badr Saleh', 'reviewer');
    await eventually('Badr’s desktop has the release', async () =>
      (await badr.call('listReleases', { view: 'active' })).some((release) => release.id === created.id),
    );

    await amal.call('addComment', { releaseId: created.id, text: 'Check the quay number.', inline: false, quote: '' });
    await badr.link.cut();
    await eventually('Badr’s desktop knows it is offline', async () => !((await badr.status()) as { online: boolean }).online);
    await badr.call('addComment', { releaseId: created.id, text: 'Written on the train.', inline: false, quote: '' });
    expect((await badr.call('listComments', { releaseId: created.id })).map((comment) => comment.text)).toContain('Written on the train.');
    expect(await badr.status()).toMatchObject({ waiting: 1 });

    await badr.link.mend();
    await settled(badr);
    await eventually('both comments are on the server, once each', async () => {
      const texts = (await amal.call('listComments', { releaseId: created.id })).map((comment) => comment.text);
      return texts.length === 2 && texts.includes('Check the quay number.') && texts.includes('Written on the train.');
    });
  });
});

describe('joining the team', () => {
  it('passes a reviewer’s inline comment anchor, made while the release is in review, to the writer, and leaves nothing waiting', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const ready = releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] });
    const created = await amal.call('createRelease', { content: ready });
    await settled(amal);
    await amal.call('transitionRelease', { id: created.id, action: 'submit', baseVersion: created.version });
    await settled(amal);

    const badr = await desktop(team, 'Badr Saleh', 'reviewer');
    await eventually(
      'Badr’s desktop shows the release in review',
      async () => (await badr.call('getRelease', { id: created.id }).catch(() => null))?.status === 'in-review',
    );
    const reviewing = await openArrived(badr, created.id);
    const commentId = crypto.randomUUID();
    await reviewing.edit((doc) => {
      const paragraph = releaseBody(doc).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).format(0, 4, { comment: { commentId } });
    });
    // The server took the anchor and said so: nothing is left waiting on Badr's desktop.
    await settled(badr);

    const writing = await openArrived(amal, created.id);
    await eventually('Amal’s page has Badr’s anchor', async () => {
      await writing.refresh();
      return bodyText(writing.content()).includes(commentId);
    });
    expect(writing.content().headline).toBe('Port opens');
    expect((await amal.call('getRelease', { id: created.id })).status).toBe('in-review');

    // One anchored offline goes out on reconnecting, like any edit: no draft of "offline edits" is made of it.
    await badr.link.cut();
    const offlineCommentId = crypto.randomUUID();
    await reviewing.edit((doc) => {
      const paragraph = releaseBody(doc).get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).format(5, 3, { comment: { commentId: offlineCommentId } });
    });
    await badr.link.mend();
    await settled(badr);
    await eventually('Amal’s page has the anchor made offline', async () => {
      await writing.refresh();
      return bodyText(writing.content()).includes(offlineCommentId);
    });
    expect((await badr.call('listReleases', { view: 'active' })).map((release) => release.headline)).toEqual(['Port opens']);
  });

  it('opens a release holding content from a newer Dateline, keeps that content, and refuses to export or submit it', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const ready = releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] });
    const created = await amal.call('createRelease', { content: ready });
    await settled(amal);
    const page = await openArrived(amal, created.id);
    // A node this version's body schema does not know, as a newer Dateline would write one.
    await page.edit((doc) => {
      const newer = new Y.XmlElement('pullQuote');
      newer.insert(0, [new Y.XmlText('Words from a newer Dateline')]);
      releaseBody(doc).push([newer]);
    });

    // It opens with the last content this version could read; the editor explains the rest (collaborative-editor.test.ts).
    const opened = await amal.call('getRelease', { id: created.id });
    expect(opened.content.headline).toBe('Port opens');
    expect(bodyText(opened.content)).toContain('Quay one.');
    const refusal = /content this version of Dateline cannot read/;
    await expect(amal.call('renderExport', { id: created.id, format: 'txt', final: false, options: undefined })).rejects.toThrow(refusal);
    await expect(amal.call('transitionRelease', { id: created.id, action: 'submit', baseVersion: opened.version })).rejects.toThrow(
      refusal,
    );
    await expect(amal.call('duplicateRelease', { id: created.id })).rejects.toThrow(refusal);

    // Nothing was taken out of the document: it reaches the server whole, and a page opened now has it.
    await settled(amal);
    expect(JSON.stringify((await openPage(amal, created.id)).content().body)).toContain('Words from a newer Dateline');
    expect((await amal.call('getRelease', { id: created.id })).version).toBe(opened.version);
  });

  it('brings releases made before signing in, once, however often the person signs in again', async () => {
    const team = await office();
    await team.join('Amal Haddad', 'writer');
    const link = await cuttableLink(team.url);
    open.links.push(link);
    const amal = openDesktop(join(tempDir(), 'dateline.sqlite3'));
    open.desktops.push(amal);
    await amal.call('signIn', { name: 'Amal Haddad' });
    const solo = await amal.call('createRelease', { content: releaseContent({ headline: 'Written alone' }) });
    expect(await amal.call('openReleaseDoc', { id: solo.id })).toEqual({ collaborative: false });

    for (let time = 0; time < 2; time++) {
      await amal.call('connectTeam', { address: link.url, name: 'Amal Haddad', password: officePassword });
      await settled(amal);
      await amal.call('disconnectTeam', {});
    }
    const { token } = await team.join('Amal Haddad', 'writer');
    const onServer = await team.value<{ id: string; headline: string }[]>('teamReleases', { view: 'active' }, token);
    expect(onServer.map(({ id, headline }) => ({ id, headline }))).toEqual([{ id: solo.id, headline: 'Written alone' }]);
    expect((await amal.call('listReleases', { view: 'active' })).map((release) => release.id)).toEqual([solo.id]);
    expect(releaseContentOf(await openPage(amal, solo.id).then((page) => page.doc)).headline).toBe('Written alone');
  });
});

describe('presence', () => {
  it('passes a page’s caret to the other desktop’s page through the server, and never back to itself', async () => {
    const team = await office();
    const amal = await desktop(team, 'Amal Haddad', 'writer');
    const created = await amal.call('createRelease', { content: releaseContent({ headline: 'Port opens' }) });
    await settled(amal);
    const badr = await desktop(team, 'Badr Saleh', 'writer');
    const badrPage = await openArrived(badr, created.id);
    const amalPage = await openPage(amal, created.id);
    const amalPresence = new Awareness(amalPage.doc);
    amalPresence.setLocalState({ user: { name: 'Amal Haddad' }, cursor: { at: 4 } });
    const seenByBadr = new Awareness(new Y.Doc());
    try {
      await eventually('Badr’s page sees Amal’s caret', async () => {
        const own = await amal.call('pullReleaseUpdate', {
          id: created.id,
          stateVector: new Uint8Array(Y.encodeStateVector(amalPage.doc)),
          awareness: new Uint8Array(encodeAwarenessUpdate(amalPresence, [amalPage.doc.clientID])),
          waitMs: 0,
        });
        if (own.awareness) {
          const echoed = new Awareness(new Y.Doc());
          applyAwarenessUpdate(echoed, own.awareness, 'test');
          expect(echoed.getStates().has(amalPage.doc.clientID)).toBe(false);
          echoed.destroy();
        }
        const theirs = await badr.call('pullReleaseUpdate', {
          id: created.id,
          stateVector: new Uint8Array(Y.encodeStateVector(badrPage.doc)),
          awareness: null,
          waitMs: 0,
        });
        if (theirs.awareness) applyAwarenessUpdate(seenByBadr, theirs.awareness, 'test');
        return seenByBadr.getStates().get(amalPage.doc.clientID)?.user?.name === 'Amal Haddad';
      });
    } finally {
      amalPresence.destroy();
      seenByBadr.destroy();
    }
  });
});
