import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { bodySchema, emptyBody, type BodyDoc } from './body';
import { emptyReleaseContent, type ReleaseContent } from './content';
import { fieldPatch, fieldPaths, fieldValue, releaseField, type FieldPath } from './fields';
import { canonicalContent } from '../review/canonical';

/**
 * A release as a Yjs document, the shape every copy of it shares (the editor's,
 * the desktop's log, the team server's): the body is the XML fragment TipTap's
 * Collaboration extension edits ("body"); every other field lives in the
 * "fields" map under its path from the field table: typed text as Y.Text, so
 * two people typing in the same headline offline both keep their words; the
 * language, release line, date and lead photo as whole values, which a later
 * choice replaces.
 */
export const bodyFragmentName = 'body';
const fieldsMapName = 'fields';

export const releaseBody = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(bodyFragmentName);
const releaseFieldMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(fieldsMapName);

const isTyped = (path: FieldPath) => releaseField(path).kind === 'text';
const nonBodyPaths = fieldPaths.filter((path) => path !== 'body');

/**
 * Writes a release into an empty document, in one transaction. Only where the
 * document is born (a new release, a solo release joining the team): seeding
 * the same content into two copies would merge into it twice.
 */
export function seedReleaseDoc(doc: Y.Doc, content: ReleaseContent): void {
  doc.transact(() => {
    const fields = releaseFieldMap(doc);
    for (const path of nonBodyPaths) {
      const value = fieldValue(content, path);
      fields.set(path, isTyped(path) ? new Y.Text(typeof value === 'string' ? value : '') : structuredClone(value));
    }
    prosemirrorJSONToYXmlFragment(bodySchema, content.body, releaseBody(doc));
  });
}

/** Whether the document holds a release yet (it has been seeded or synced from one that was). */
export const isSeeded = (doc: Y.Doc): boolean => releaseFieldMap(doc).size > 0;

/**
 * The release as JSON, read off the document: what the store keeps as its
 * snapshot, the search index and the exports read. Not validated here; the
 * caller parses it with the content schema.
 */
export function releaseContentOf(doc: Y.Doc): ReleaseContent {
  const body = releaseBody(doc);
  return { ...releaseFieldsOf(doc), body: body.length === 0 ? emptyBody() : asTheEditorWritesIt(yXmlFragmentToProsemirrorJSON(body)) };
}

/**
 * Every field but the body, read off the document: what the editor shows in
 * its plain controls after each change, without converting a long body for a
 * keystroke in the headline.
 */
export function releaseFieldsOf(doc: Y.Doc): Omit<ReleaseContent, 'body'> {
  const fields = releaseFieldMap(doc);
  let content: ReleaseContent = emptyReleaseContent();
  for (const path of nonBodyPaths) {
    if (!fields.has(path)) continue;
    const value = fields.get(path);
    content = { ...content, ...fieldPatch(content, path, value instanceof Y.Text ? value.toString() : value) };
  }
  const { body: _body, ...rest } = content;
  return rest;
}

/**
 * With the schema's default attributes filled in, as the editor's JSON has
 * them, so a release hashes alike whichever copy it was read from. A body the
 * schema cannot read (written by a newer Dateline) is passed on as it is, for
 * the content schema to refuse with its reason.
 */
function asTheEditorWritesIt(json: unknown): BodyDoc {
  try {
    return bodySchema.nodeFromJSON(json).toJSON() as BodyDoc;
  } catch {
    return json as BodyDoc;
  }
}

/**
 * Sets a typed field to what its control now shows, as the smallest edit (the
 * common start and end kept), so a concurrent edit elsewhere in the same field
 * survives the merge. Other fields are replaced whole.
 */
export function setReleaseField(doc: Y.Doc, path: Exclude<FieldPath, 'body'>, value: unknown): void {
  const fields = releaseFieldMap(doc);
  doc.transact(() => {
    if (!isTyped(path)) {
      fields.set(path, structuredClone(value));
      return;
    }
    const next = typeof value === 'string' ? value : '';
    let text = fields.get(path);
    if (!(text instanceof Y.Text)) {
      text = new Y.Text();
      fields.set(path, text);
    }
    applyTextChange(text as Y.Text, next);
  });
}

function applyTextChange(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  // Never split a surrogate pair: an edit boundary inside one would leave half a character on each side.
  while (start > 0 && isLowSurrogate(current.charCodeAt(start))) start--;
  while (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) text.insert(start, inserted);
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Calls back with each field path whose value changed in a transaction (not the body: TipTap follows that itself). */
export function observeReleaseFields(doc: Y.Doc, changed: (paths: Exclude<FieldPath, 'body'>[], local: boolean) => void): () => void {
  const fields = releaseFieldMap(doc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const paths = new Set<Exclude<FieldPath, 'body'>>();
    for (const event of events) {
      if (event.target === fields) for (const key of event.changes.keys.keys()) paths.add(key as Exclude<FieldPath, 'body'>);
      else if (event.target instanceof Y.Text && event.target.parent === fields)
        for (const [key, value] of fields) if (value === event.target) paths.add(key as Exclude<FieldPath, 'body'>);
    }
    if (paths.size > 0) changed([...paths], transaction.local);
  };
  fields.observeDeep(observer);
  return () => fields.unobserveDeep(observer);
}

/**
 * Whether applying the update to the document would change the release's
 * content, tried on a copy. Where inline comments are anchored is not content
 * (canonicalContent leaves the anchors out), so an update that only anchors a
 * comment changes nothing here; one that cannot be applied counts as a change.
 */
export function updateChangesContent(doc: Y.Doc, update: Uint8Array): boolean {
  const trial = new Y.Doc();
  try {
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
    const before = canonicalContent(releaseContentOf(trial));
    Y.applyUpdate(trial, update);
    return canonicalContent(releaseContentOf(trial)) !== before;
  } catch {
    return true;
  } finally {
    trial.destroy();
  }
}
