// A desktop backend as a process of its own, so a test can SIGKILL it mid-work and start it again on the same
// files. It answers one JSON line on stdout per line on stdin: {"call": method, "input": …} calls the contract,
// {"page": id, "edit": {"field", "text"} | {"paragraph"}} edits a page standing in for the editor, {"page": id,
// "read": true} gives what that page holds. An answer is written only after the call returned, so what the
// parent has read is what Dateline told a person was done.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import type { MethodName } from '@shared/api/contract';
import { releaseBody, setReleaseField } from '@shared/release/release-doc';
import { fromWire, toWire } from '@shared/api/wire';
import { openDesktop, openPage, type Page } from './team-desktop';

const [file] = process.argv.slice(2) as [string];
const desktop = openDesktop(file, { keepsSession: true });
const pages = new Map<string, Page>();
const say = (line: object) => writeSync(1, `${toWire(line)}\n`);

type Request =
  | { n: number; call: MethodName; input: unknown }
  | { n: number; page: string; edit: { field: 'headline' | 'subheadline'; text: string } | { paragraph: string } }
  | { n: number; page: string; read: true };

async function answer(request: Request): Promise<unknown> {
  if ('call' in request) return desktop.call(request.call, request.input as never);
  const page = pages.get(request.page) ?? (await openPage(desktop, request.page));
  pages.set(request.page, page);
  if ('read' in request) {
    await page.refresh();
    return { content: page.content(), stateVector: Y.encodeStateVector(page.doc) };
  }
  const edit = request.edit;
  await page.edit((doc) => {
    if ('field' in edit) setReleaseField(doc, edit.field, edit.text);
    else {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(edit.paragraph)]);
      releaseBody(doc).push([element]);
    }
  });
  return {};
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const request = fromWire(line) as Request;
  // One at a time, in order, as a person's actions are.
  queue = queue.then(async () => {
    try {
      say({ n: request.n, ok: true, value: await answer(request) });
    } catch (error) {
      say({ n: request.n, ok: false, message: (error as Error).message });
    }
  });
});
say({ ready: true });
