import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { releaseBody, releaseContentOf, setReleaseField } from '@shared/release/release-doc';
import { cuttableLink, type CuttableLink } from '../testing/cuttable-link';
import { officePassword, openDesktop, openPage, type Desktop, type Page } from '../testing/team-desktop';
import { openOffice, type Office } from '../testing/team-office';
import { releaseContent, useTempDir } from '../testing/temp-store';

/*
 * Three desktops on one team server, each behind a link the test cuts and
 * mends: random interleavings of typing (into the headline at any place, and
 * new paragraphs), cuts, reconnects and pulls. Once every link is mended, all
 * three hold the same document and every word anyone typed. Kept to a few
 * runs, as each one is a real server, three SQLite files and real sockets.
 */
const tempDir = useTempDir();
const seed = Number(process.env.DATELINE_SYNC_SEED ?? 20_261_206);
const names = ['Amal Haddad', 'Badr Saleh', 'Carla Diaz'];

let team: Office;
let clients: { desktop: Desktop; link: CuttableLink }[];

beforeAll(async () => {
  team = await openOffice(tempDir());
  clients = [];
  for (const name of names) {
    await team.join(name, 'writer');
    const link = await cuttableLink(team.url);
    const desktop = openDesktop(join(tempDir(), 'dateline.sqlite3'));
    await desktop.call('connectTeam', { address: link.url, name, password: officePassword });
    clients.push({ desktop, link });
  }
});
afterAll(async () => {
  for (const { desktop, link } of clients) {
    await desktop.close();
    await link.close();
  }
  await team.stop();
});

async function eventually(description: string, check: () => Promise<boolean>, deadlineMs = 15_000) {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const synced = async (desktop: Desktop) => {
  const status = await desktop.status();
  return status.mode === 'team' && status.online && status.waiting === 0;
};

type Step =
  | { kind: 'headline'; client: number; at: number; word: number }
  | { kind: 'paragraph'; client: number; word: number }
  | { kind: 'pull' | 'cut' | 'mend'; client: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('headline' as const), client: fc.nat(2), at: fc.nat(), word: fc.nat() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('paragraph' as const), client: fc.nat(2), word: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('pull' as const, 'cut' as const, 'mend' as const), client: fc.nat(2) }), weight: 3 },
);

describe('three desktops typing, cut off and reconnecting in any order', () => {
  it('end with one document holding every word', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const [first] = clients;
        const created = await first!.desktop.call('createRelease', {
          content: releaseContent({ headline: 'Start', bodyText: ['Begin.'] }),
        });
        const pages: Page[] = [];
        for (const { desktop } of clients) {
          // Until its words arrive, a desktop does not open the release (it says so), as a person would see.
          let page: Page | null = null;
          await eventually('each desktop opens the release', async () => {
            page = await openPage(desktop, created.id).catch(() => null);
            return page !== null;
          });
          pages.push(page!);
        }
        const typed: string[] = [];
        const cut = new Set<number>();

        for (const [index, action] of steps.entries()) {
          const page = pages[action.client]!;
          const { link } = clients[action.client]!;
          if (action.kind === 'headline') {
            const word = ` h${index}w${action.word % 1000}x `;
            typed.push(word.trim());
            const headline = releaseContentOf(page.doc).headline;
            // Typed between words, so that every word typed stays whole and can be looked for at the end.
            const boundaries = [...headline].flatMap((_, at) => (at === 0 || headline[at - 1] === ' ' ? [at] : []));
            const at = [...boundaries, headline.length][action.at % (boundaries.length + 1)]!;
            await page.edit((doc) => setReleaseField(doc, 'headline', headline.slice(0, at) + word + headline.slice(at)));
          } else if (action.kind === 'paragraph') {
            const text = `p${index}w${action.word % 1000}x`;
            typed.push(text);
            await page.edit((doc) => {
              const element = new Y.XmlElement('paragraph');
              element.insert(0, [new Y.XmlText(text)]);
              releaseBody(doc).push([element]);
            });
          } else if (action.kind === 'pull') await page.refresh();
          else if (action.kind === 'cut' && !cut.has(action.client)) {
            cut.add(action.client);
            await link.cut();
          } else if (action.kind === 'mend' && cut.has(action.client)) {
            cut.delete(action.client);
            await link.mend();
          }
        }

        for (const client of cut) await clients[client]!.link.mend();
        for (const { desktop } of clients) await eventually('each desktop has sent everything', () => synced(desktop));
        await eventually('every page holds the same document', async () => {
          for (const page of pages) await page.refresh();
          const vectors = pages.map((page) => Buffer.from(Y.encodeStateVector(page.doc)).toString('hex'));
          return vectors.every((vector) => vector === vectors[0]);
        });
        const contents = pages.map((page) => page.content());
        for (const content of contents) expect(content).toEqual(contents[0]);
        const text = JSON.stringify(contents[0]);
        for (const word of typed) expect(text).toContain(word);
        for (const { desktop } of clients) expect((await desktop.call('getRelease', { id: created.id })).content).toEqual(contents[0]);
      }),
      // No shrinking: each attempt is a real run against a server, and the counterexample as found is readable enough.
      { numRuns: 6, seed, endOnFailure: true },
    );
  }, 120_000);
});
