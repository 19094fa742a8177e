import { join } from 'node:path';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { releaseBody, releaseContentOf, seedReleaseDoc, setReleaseField } from '@shared/release/release-doc';
import { createStores } from '../api/backend';
import { openDatabase } from '../store/database';
import { compactAfterRows } from '../store/release-updates';
import { refusalOf, releaseContent, useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();

function open(file: string) {
  const db = openDatabase(file);
  const stores = createStores(db);
  return { db, ...stores, close: () => (stores.documents.close(), db.close()) };
}

const readyContent = () =>
  releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['The quay opens today.'] });

/** A release made collaborative at birth, as createRelease does while signed in. */
function collaborativeRelease(stores: ReturnType<typeof open>, authorId: number) {
  return stores.updates.atomically(() => {
    const created = stores.releases.create(authorId, readyContent());
    stores.documents.seed(created.id, created.content);
    return stores.releases.get(created.id);
  });
}

/** A Y.Doc standing in for the page, as the editor holds it: loaded from openReleaseDoc's state. */
function pageOf(stores: ReturnType<typeof open>, id: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stores.documents.state(id));
  return doc;
}

/** Makes an edit in the page and returns it as the one update the page pushes. */
function edit(page: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(page);
  change(page);
  return Y.encodeStateAsUpdate(page, before);
}

const appendParagraph = (text: string) => (doc: Y.Doc) => {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  releaseBody(doc).push([paragraph]);
};

describe('a collaborative release’s document in the backend', () => {
  it('keeps every pushed edit on disk, and the snapshot, history and search follow the document', () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const first = open(file);
    const writer = first.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(first, writer.id);
    expect(first.documents.isCollaborative(id)).toBe(true);

    const page = pageOf(first, id);
    first.documents.push(
      id,
      edit(page, (doc) => setReleaseField(doc, 'headline', 'Port opens early')),
      writer,
    );
    first.documents.push(id, edit(page, appendParagraph('Ferries run hourly.')), writer);
    first.documents.flush(id);

    const saved = first.releases.get(id);
    expect(saved.content.headline).toBe('Port opens early');
    expect(saved.content).toEqual(releaseContentOf(page));
    expect(first.releases.list('active', 'hourly').map((release) => release.id)).toEqual([id]);
    expect(first.revisions.list(id).length).toBeGreaterThan(1);
    first.close();

    // A restart reads the document back from the log alone.
    const second = open(file);
    const reloaded = pageOf(second, id);
    expect(releaseContentOf(reloaded)).toEqual(releaseContentOf(page));
    expect(second.updates.unacknowledgedCount(id)).toBe(3);
    second.close();
  });

  it('answers a waiting pull as soon as another page pushes, with what that page lacks', async () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(stores, writer.id);
    const typing = pageOf(stores, id);
    const watching = pageOf(stores, id);
    const watchingPresence = new Awareness(watching);
    watchingPresence.setLocalState({ user: { name: 'Badr' } });
    const typingPresence = new Awareness(typing);
    typingPresence.setLocalState({ user: { name: 'Amal' } });

    // Each page's first pull answers at once: nothing is known yet of what either has seen.
    await stores.documents.pull(id, Y.encodeStateVector(watching), encodeAwarenessUpdate(watchingPresence, [watching.clientID]), 0);
    const waiting = stores.documents.pull(
      id,
      Y.encodeStateVector(watching),
      encodeAwarenessUpdate(watchingPresence, [watching.clientID]),
      25_000,
    );
    stores.documents.push(
      id,
      edit(typing, (doc) => setReleaseField(doc, 'headline', 'Port opens at dawn')),
      writer,
    );
    const answer = await waiting;
    Y.applyUpdate(watching, answer.update!);
    expect(releaseContentOf(watching).headline).toBe('Port opens at dawn');

    // Each page sees the other's presence, never its own.
    const presenceOf = (answer: { awareness: Uint8Array | null }) => {
      const received = new Awareness(new Y.Doc());
      applyAwarenessUpdate(received, answer.awareness!, 'test');
      const states = [...received.getStates().entries()].filter(([client]) => client !== received.clientID);
      received.destroy();
      return states;
    };
    const typingSees = await stores.documents.pull(
      id,
      Y.encodeStateVector(typing),
      encodeAwarenessUpdate(typingPresence, [typing.clientID]),
      0,
    );
    expect(presenceOf(typingSees)).toEqual([[watching.clientID, { user: { name: 'Badr' } }]]);
    // The watching page was answered before the typing page's caret arrived: that arrival alone answers its waiting pull.
    const watchingSees = await stores.documents.pull(
      id,
      Y.encodeStateVector(watching),
      encodeAwarenessUpdate(watchingPresence, [watching.clientID]),
      25_000,
    );
    expect(presenceOf(watchingSees)).toEqual([[typing.clientID, { user: { name: 'Amal' } }]]);
    watchingPresence.destroy();
    typingPresence.destroy();
    stores.close();
  });

  it('tells the other pages at once when a page leaves, so its caret goes with it', async () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(stores, writer.id);
    const leaving = pageOf(stores, id);
    const staying = pageOf(stores, id);
    const leavingPresence = new Awareness(leaving);
    leavingPresence.setLocalState({ user: { name: 'Amal' } });
    const stayingPresence = new Awareness(staying);
    stayingPresence.setLocalState({ user: { name: 'Badr' } });
    const pullFor = (page: Y.Doc, presence: Awareness, waitMs: number) =>
      stores.documents.pull(id, Y.encodeStateVector(page), encodeAwarenessUpdate(presence, [page.clientID]), waitMs);
    const take = (answer: { awareness: Uint8Array | null }) => {
      if (answer.awareness) applyAwarenessUpdate(stayingPresence, answer.awareness, 'the backend');
    };

    await pullFor(leaving, leavingPresence, 0);
    take(await pullFor(staying, stayingPresence, 0));
    expect(stayingPresence.getStates().get(leaving.clientID)).toEqual({ user: { name: 'Amal' } });

    const waiting = pullFor(staying, stayingPresence, 25_000);
    // What the page does as it closes the release (ReleaseSync.stop): its presence, now null, goes out with a last pull.
    removeAwarenessStates(leavingPresence, [leaving.clientID], 'local');
    await pullFor(leaving, leavingPresence, 0);
    take(await waiting);
    expect(stayingPresence.getStates().has(leaving.clientID)).toBe(false);
    leavingPresence.destroy();
    stayingPresence.destroy();
    stores.close();
  });

  it('refuses a content edit while the release is in review, keeping nothing, but lets comment anchors through', () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id, version } = collaborativeRelease(stores, writer.id);
    stores.lifecycle.transition(id, writer, 'submit', version, {});
    const page = pageOf(stores, id);
    const before = stores.updates.all(id).length;

    const refusal = refusalOf(() =>
      stores.documents.push(
        id,
        edit(page, (doc) => setReleaseField(doc, 'headline', 'Sneaked in')),
        writer,
      ),
    );
    expect(refusal.kind).toBe('refused');
    expect(stores.updates.all(id)).toHaveLength(before);
    expect(releaseContentOf(pageOf(stores, id)).headline).toBe('Port opens');

    const anchored = pageOf(stores, id);
    const text = releaseBody(anchored).get(0) as Y.XmlElement;
    stores.documents.push(
      id,
      edit(anchored, () => (text.get(0) as Y.XmlText).format(0, 4, { comment: { commentId: crypto.randomUUID() } })),
      writer,
    );
    expect(stores.updates.all(id)).toHaveLength(before + 1);
    stores.close();
  });

  it('restores an earlier revision into the document as edits, recorded as a restore', () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(stores, writer.id);
    const page = pageOf(stores, id);
    const first = stores.revisions.list(id).at(-1)!;
    stores.documents.push(
      id,
      edit(page, (doc) => setReleaseField(doc, 'headline', 'A headline to undo')),
      writer,
    );
    stores.documents.push(id, edit(page, appendParagraph('A paragraph to undo.')), writer);
    stores.documents.flush(id);
    // As any copy of the document reads it (the editor's default attributes filled in).
    const asDocument = new Y.Doc();
    seedReleaseDoc(asDocument, stores.revisions.get(id, first.id)!.content);
    const restored = releaseContentOf(asDocument);

    stores.documents.replaceContent(id, stores.revisions.get(id, first.id)!.content, writer, {
      restoredFrom: { revisionId: first.id, recordedAt: first.recordedAt },
    });
    const reopened = pageOf(stores, id);
    expect(releaseContentOf(reopened)).toEqual(restored);
    expect(stores.releases.get(id).content).toEqual(restored);
    expect(stores.audit.list({ releaseId: id }).map((entry) => entry.action)).toContain('restore');
    // The page that still holds the undone words receives the restore as edits.
    Y.applyUpdate(page, stores.documents.state(id));
    expect(releaseContentOf(page)).toEqual(restored);
    stores.close();
  });

  it('refuses bytes that are no Yjs update, and keeps nothing', () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(stores, writer.id);
    expect(refusalOf(() => stores.documents.push(id, new Uint8Array([9, 9, 9, 9]), writer)).kind).toBe('invalid-input');
    expect(stores.updates.all(id)).toHaveLength(1);
    stores.close();
  });

  it('merges acknowledged rows past the limit and leaves unacknowledged ones to be counted and sent', () => {
    const stores = open(':memory:');
    const writer = stores.people.add('Amal Haddad', 'writer');
    const { id } = collaborativeRelease(stores, writer.id);
    const page = pageOf(stores, id);
    for (let index = 0; index < compactAfterRows + 5; index++)
      stores.documents.push(
        id,
        edit(page, (doc) => setReleaseField(doc, 'headline', `Port opens, take ${index}`)),
        writer,
      );
    stores.updates.acknowledge(id, stores.updates.lastSeq(id));
    expect(stores.updates.all(id)).toHaveLength(1);
    stores.documents.push(
      id,
      edit(page, (doc) => setReleaseField(doc, 'subheadline', 'Late change')),
      writer,
    );
    expect(stores.updates.unacknowledgedCount(id)).toBe(1);

    const fromDisk = new Y.Doc();
    for (const row of stores.updates.all(id)) Y.applyUpdate(fromDisk, row.update);
    expect(releaseContentOf(fromDisk)).toEqual(releaseContentOf(page));
    stores.close();
  });
});
