// @vitest-environment happy-dom
import { join } from 'node:path';
import type { Editor } from '@tiptap/core';
import { act, createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { SyncStatus } from '@shared/api/collaboration';
import { createClient } from '@shared/api/client';
import type { ApiClient } from '@shared/api/contract';
import type { Person } from '@shared/api/session';
import { releaseBody } from '@shared/release/release-doc';
import { createStores } from '../../electron/api/backend';
import { noDesktop } from '../../electron/api/desktop-services';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers, type Handlers } from '../../electron/api/handlers';
import { openDatabase } from '../../electron/store/database';
import { TeamLink } from '../../electron/team/team-link';
import { TeamSync } from '../../electron/team/team-sync';
import { TeamWorkflow } from '../../electron/team/team-workflow';
import { releaseContent, useTempDir } from '../../electron/testing/temp-store';
import { NoticeProvider } from '../notices';
import { PersonContext } from '../person';
import { ReleaseEditor } from './ReleaseEditor';

// The page's client, over the real dispatcher and store; set per test before anything renders.
const page = vi.hoisted(() => ({ client: null as ApiClient | null }));
vi.mock('../api', () => ({
  desktop: null,
  api: new Proxy(
    {},
    { get: (_target, method: string) => (input: unknown) => (page.client as Record<string, (input: unknown) => unknown>)[method]!(input) },
  ),
}));

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const tempDir = useTempDir();
let stores: ReturnType<typeof createStores>;
let closeStore: () => Promise<void>;
let callsOut = 0;
let releaseId: string;
let reviewer: Person;
/** Puts the release in review, by its writer. */
let submit: () => void;
let status: SyncStatus;
const unmounts: (() => void)[] = [];

beforeEach(async () => {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'dateline.sqlite3'));
  stores = createStores(db);
  closeStore = async () => {
    // Pulls still waiting are answered first, so none reaches a closed database.
    stores.documents.close();
    await until(() => callsOut === 0, 'the page’s calls to finish');
    db.close();
  };
  const team = new TeamLink(join(dir, 'team-session.json'), () => null);
  const sync = new TeamSync(team, stores);
  const handlers = createHandlers(stores, noDesktop, team, sync, new TeamWorkflow(team, sync, stores)) as Handlers;
  const call = (method: unknown, input: unknown) => dispatch(handlers, method, input);
  const signedIn = await call('signIn', { name: 'Amal Haddad' });
  const writer = (signedIn as { value: Person }).value;
  reviewer = stores.people.add('Omar Saleh', 'reviewer');
  const content = releaseContent({ headline: 'Ferry timetable', dateline: { city: 'Muscat', date: '2026-12-05' }, bodyText: ['Hourly.'] });
  // Collaborative from birth, as createRelease makes a release while signed in to a team; then submitted by its writer.
  const created = stores.updates.atomically(() => {
    const release = stores.releases.create(writer.id, content);
    stores.documents.seed(release.id, release.content);
    return release;
  });
  releaseId = created.id;
  submit = () => {
    // In the store itself: a collaborative release's workflow otherwise goes through the team server.
    stores.documents.flush(releaseId);
    stores.lifecycle.transition(releaseId, writer, 'submit', stores.releases.get(releaseId).version, {});
  };
  status = { mode: 'team', server: 'http://127.0.0.1:1', online: true, waiting: 0, reason: null };
  page.client = createClient(async (method, input) => {
    if (method === 'syncStatus') return { ok: true, value: status };
    callsOut++;
    try {
      return await call(method, input);
    } finally {
      callsOut--;
    }
  });
});
afterEach(async () => {
  unmounts.splice(0).forEach((unmount) => act(unmount));
  await closeStore();
});

/** The editor for the release as the reviewer sees it, mounted under React StrictMode as the app mounts it. */
function mountEditor() {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() =>
    root.render(
      createElement(
        StrictMode,
        null,
        createElement(
          NoticeProvider,
          null,
          createElement(
            PersonContext.Provider,
            { value: reviewer },
            createElement(ReleaseEditor, { id: releaseId, onWorkflowChange: () => {}, onCreated: () => {} }),
          ),
        ),
      ),
    ),
  );
  unmounts.push(() => {
    root.unmount();
    container.remove();
  });
  return container;
}

async function until(condition: () => boolean, what: string, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${withinMs} ms`);
    await act(() => new Promise((resume) => setTimeout(resume, 10)));
  }
}

const bodyElement = (container: HTMLElement) => container.querySelector<HTMLElement>('.ProseMirror');

/** The body's paragraphs as a person reads them, without what the editor draws beside the text (the dateline lead-in, carets). */
function bodyText(container: HTMLElement): string | null {
  const body = bodyElement(container);
  if (!body) return null;
  const copy = body.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.ProseMirror-widget').forEach((widget) => widget.remove());
  return [...copy.querySelectorAll('p')].map((paragraph) => paragraph.textContent).join('\n');
}

describe('the collaborative editor under StrictMode', () => {
  it('shows the body once, takes in another person’s words once, and sends what is typed here', async () => {
    const container = mountEditor();
    await until(() => bodyText(container) === 'Hourly.', 'the body, once');

    // Another desk's words, arriving in the backend's document.
    const other = new Y.Doc();
    Y.applyUpdate(other, stores.documents.state(releaseId));
    const before = Y.encodeStateVector(other);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('From Monday, every half hour.')]);
    releaseBody(other).push([paragraph]);
    stores.documents.push(releaseId, Y.encodeStateAsUpdate(other, before), stores.people.add('Samir Aziz', 'writer'));
    await until(() => bodyText(container) === 'Hourly.\nFrom Monday, every half hour.', 'the other person’s paragraph, once');

    // What is typed here reaches the backend's document, once: the editor StrictMode kept is the one bound to it.
    const editor = (bodyElement(container) as HTMLElement & { editor: Editor }).editor;
    act(
      () =>
        void editor
          .chain()
          .setTextSelection(editor.state.doc.content.size - 1)
          .insertContent(' Tickets stay valid.')
          .run(),
    );
    const stored = () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stores.documents.state(releaseId));
      return releaseBody(doc).toString();
    };
    await until(() => stored().includes('From Monday, every half hour. Tickets stay valid.'), 'the typing in the backend');
    expect(stored().split('Tickets stay valid.')).toHaveLength(2);
  });

  it('says so when the body receives what this version cannot show, turns it read-only, and leaves that content in the document', async () => {
    const container = mountEditor();
    await until(() => bodyText(container) === 'Hourly.', 'the body');

    // A block a newer Dateline wrote, arriving from another desk while the release is open here.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, stores.documents.state(releaseId));
    const before = Y.encodeStateVector(newer);
    const table = new Y.XmlElement('table');
    table.insert(0, [new Y.XmlText('Fares by route')]);
    releaseBody(newer).push([table]);
    stores.documents.push(releaseId, Y.encodeStateAsUpdate(newer, before), stores.people.add('Samir Aziz', 'writer'));

    await until(() => container.textContent?.includes('holds something this version of Dateline cannot show') === true, 'the explanation');
    expect(bodyElement(container)?.getAttribute('contenteditable')).toBe('false');
    // The other fields can still be edited.
    expect(container.querySelector<HTMLInputElement>('[data-field="headline"]')?.readOnly).toBe(false);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, stores.documents.state(releaseId));
    expect(releaseBody(stored).toString()).toContain('Fares by route');
  });

  it('opens a release that already holds what this version cannot show, says so, and leaves that content in the document', async () => {
    // Written by a newer Dateline on another desk before the release was opened here.
    const newer = new Y.Doc();
    Y.applyUpdate(newer, stores.documents.state(releaseId));
    const before = Y.encodeStateVector(newer);
    const table = new Y.XmlElement('table');
    table.insert(0, [new Y.XmlText('Fares by route')]);
    releaseBody(newer).push([table]);
    stores.documents.push(releaseId, Y.encodeStateAsUpdate(newer, before), stores.people.add('Samir Aziz', 'writer'));

    const container = mountEditor();
    await until(() => container.textContent?.includes('holds something this version of Dateline cannot show') === true, 'the explanation');
    await until(() => bodyText(container) === 'Hourly.', 'the body this version can show');
    expect(bodyElement(container)?.getAttribute('contenteditable')).toBe('false');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, stores.documents.state(releaseId));
    expect(releaseBody(stored).toString()).toContain('Fares by route');
  });

  it('disables Approve with the reason while the team server cannot be reached, and enables it once it can', async () => {
    submit();
    status = { mode: 'team', server: 'http://127.0.0.1:1', online: false, waiting: 2, reason: 'the server did not answer' };
    const container = mountEditor();
    const approve = () => [...container.querySelectorAll('button')].find((button) => button.textContent === 'Approve');
    await until(() => approve()?.disabled === true, 'a disabled Approve');
    expect(container.textContent).toContain(
      'The team server cannot be reached (the server did not answer), and only it can sign an approval.',
    );
    expect(container.querySelector('.sync-status')?.textContent).toBe('Offline — 2 changes waiting');
    // Read-only for the reviewer while in review, in the collaborative editor too.
    expect(bodyElement(container)?.getAttribute('contenteditable')).toBe('false');

    status = { mode: 'team', server: 'http://127.0.0.1:1', online: true, waiting: 0, reason: null };
    // The status is asked again after each pull; a flush of presence makes one at once.
    await until(() => approve()?.disabled === false, 'Approve enabled once the server answers', 10_000);
    expect(container.querySelector('.sync-status')?.textContent).toBe('Synced');
  });
});
