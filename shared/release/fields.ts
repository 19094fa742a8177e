/**
 * Every field of a release, said once: the schema, the editor, the checklist,
 * the approval hash, compare and the exporters read what they need from here,
 * so adding a field is one entry (plus its rendering where it is special) and
 * a field one of them forgets is a type error or a failing test.
 *
 * A path is the field's place in the release's JSON ("dateline.city"); the
 * checklist points at it and the editor's control carries it as data-field.
 */

export type FieldKind =
  /** The release's language, which sets the page's and every export's direction. */
  | 'language'
  /** For immediate release, or embargoed until a date, time and zone. */
  | 'releaseLine'
  /** Words typed into one control, up to maxLength characters. */
  | 'text'
  /** A YYYY-MM-DD date, or empty while not chosen. */
  | 'date'
  /** An image with its caption, credit and alt text, or none. */
  | 'photo'
  /** The rich-text body (TipTap JSON). */
  | 'body';

/**
 * How a field's text direction is decided. 'typed': the control follows the
 * first letter typed in it (dir="auto"), so an English name in an Arabic
 * release reads right; 'release': written in the release's language and
 * direction (the generated release line); 'sets-release': the language itself;
 * 'per-block': every block of the body carries its own.
 */
export type FieldDirection = 'typed' | 'release' | 'sets-release' | 'per-block';

/**
 * Where the exports put a field. 'top': a line after the release line (the
 * HTML header); 'footer': a block after the body, left out when blank, in the
 * table's order; 'own': placed by each exporter's own code (language, release
 * line, photo, dateline, body).
 */
export type FieldExport = 'top' | 'footer' | 'own';

/**
 * How compare shows a field. 'words': its text, word by word, in a row under
 * its label; 'own': compare.ts has a row builder for it (a type error until it
 * does); 'with-dateline.city': shown in that field's row.
 */
export type FieldCompare = 'words' | 'own' | 'with-dateline.city';

/** What the checklist says when the field is left empty; the message defaults to one made from the label. */
export interface FieldRule {
  /** Blocking: it must be filled in before review; otherwise it is worth a second look. */
  blocking: boolean;
  message?: string;
}

interface FieldEntry {
  kind: FieldKind;
  /** What a person sees: the editor's label, checklist messages and compare rows. */
  label: string;
  placeholder?: string;
  /** The editor's control grows to several lines. */
  multiline?: boolean;
  /** The editor's styling hook. */
  className?: string;
  direction: FieldDirection;
  /** Part of what an approval is bound to (canonical.ts): changing it needs a new approval. */
  content: boolean;
  checklist?: FieldRule;
  exported: FieldExport;
  compare: FieldCompare;
  /** Compare's row label where the row shows more than this field; otherwise the row is labelled with the field's label. */
  compareLabel?: string;
}

export type ReleaseField =
  | (FieldEntry & {
      kind: 'text';
      /** The single limit, in characters: the schema refuses beyond it and the editor stops typing at it. */
      maxLength: number;
    })
  // Only text has a place of its own in the exports' top and footer; the rest are placed by each exporter.
  | (FieldEntry & { kind: Exclude<FieldKind, 'text'>; exported: 'own' });

/** In the order of the page. The zod schema's fields, their limits and the empty release are made from this. */
export const releaseFields = {
  language: { kind: 'language', label: 'Language', direction: 'sets-release', content: true, exported: 'own', compare: 'own' },
  releaseLine: { kind: 'releaseLine', label: 'Release line', direction: 'release', content: true, exported: 'own', compare: 'own' },
  headline: {
    kind: 'text',
    label: 'Headline',
    maxLength: 500,
    placeholder: 'Headline',
    multiline: true,
    className: 'headline',
    direction: 'typed',
    content: true,
    checklist: { blocking: true },
    exported: 'top',
    compare: 'words',
  },
  subheadline: {
    kind: 'text',
    label: 'Subheadline',
    maxLength: 1000,
    placeholder: 'Subheadline (optional)',
    multiline: true,
    className: 'subheadline',
    direction: 'typed',
    content: true,
    checklist: { blocking: false },
    exported: 'top',
    compare: 'words',
  },
  leadPhoto: { kind: 'photo', label: 'Lead photo', direction: 'typed', content: true, exported: 'own', compare: 'own' },
  'dateline.city': {
    kind: 'text',
    label: 'Dateline city',
    maxLength: 120,
    placeholder: 'New York',
    direction: 'typed',
    content: true,
    checklist: { blocking: true, message: 'The dateline has no city.' },
    exported: 'own',
    compare: 'own',
    // The city and the date read as one dateline, as the page prints it.
    compareLabel: 'Dateline',
  },
  'dateline.date': {
    kind: 'date',
    label: 'Dateline date',
    direction: 'typed',
    content: true,
    checklist: { blocking: true, message: 'The dateline has no date.' },
    exported: 'own',
    compare: 'with-dateline.city',
  },
  body: {
    kind: 'body',
    label: 'Body',
    direction: 'per-block',
    content: true,
    checklist: { blocking: true },
    exported: 'own',
    compare: 'own',
  },
  boilerplate: {
    kind: 'text',
    label: 'Boilerplate',
    maxLength: 10_000,
    placeholder: 'About the organisation…',
    multiline: true,
    direction: 'typed',
    content: true,
    checklist: { blocking: false, message: 'There is no boilerplate ("About …").' },
    exported: 'footer',
    compare: 'words',
  },
  mediaContact: {
    kind: 'text',
    label: 'Media contact',
    maxLength: 2000,
    placeholder: 'Name, role, phone, email',
    multiline: true,
    direction: 'typed',
    content: true,
    checklist: { blocking: false },
    exported: 'footer',
    compare: 'words',
  },
  signOff: {
    kind: 'text',
    label: 'Sign-off',
    maxLength: 300,
    placeholder: 'Media Office',
    direction: 'typed',
    content: true,
    exported: 'footer',
    compare: 'words',
  },
  endMark: {
    kind: 'text',
    label: 'End mark',
    maxLength: 20,
    className: 'end-mark',
    direction: 'typed',
    content: true,
    exported: 'footer',
    compare: 'words',
  },
} as const satisfies Record<string, ReleaseField>;

export type ReleaseFieldTable = typeof releaseFields;
export type FieldPath = keyof ReleaseFieldTable;

/** The paths whose entry has the given property value: FieldPathWhere<'kind', 'text'>. */
export type FieldPathWhere<Key extends keyof FieldEntry, Value> = {
  [Path in FieldPath]: ReleaseFieldTable[Path] extends Record<Key, Value> ? Path : never;
}[FieldPath];

export type TextFieldPath = FieldPathWhere<'kind', 'text'>;
/** The fields a person types into as plain text: a line or a few, or a date. */
export type PlainFieldPath = FieldPathWhere<'kind', 'text' | 'date'>;

export const fieldPaths = Object.keys(releaseFields) as FieldPath[];

export const releaseField = (path: FieldPath): ReleaseField => releaseFields[path];

/** The paths whose entry matches, in the table's order. */
export const fieldPathsWhere = <Path extends FieldPath>(matches: (field: ReleaseField, path: FieldPath) => boolean) =>
  fieldPaths.filter((path) => matches(releaseFields[path], path)) as Path[];

/** "headline" → ["headline"], "dateline.city" → ["dateline", "city"]. */
const steps = (path: FieldPath) => path.split('.');

/** The value at a field's path, in a release or in anything shaped like one. */
export function fieldValue(release: object, path: FieldPath): unknown {
  return steps(path).reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], release);
}

/** A plain field's text; a value that is not text (a malformed release) reads as empty. */
export function fieldText(release: object, path: PlainFieldPath): string {
  const value = fieldValue(release, path);
  return typeof value === 'string' ? value : '';
}

/** The change that sets one field, as a patch of the release's top-level fields: a nested field keeps its siblings. */
export function fieldPatch<Release extends object>(release: Release, path: FieldPath, value: unknown): Partial<Release> {
  const [top, ...rest] = steps(path);
  const set = (target: unknown, keys: string[]): unknown => {
    if (keys.length === 0) return value;
    const object = (target ?? {}) as Record<string, unknown>;
    return { ...object, [keys[0]!]: set(object[keys[0]!], keys.slice(1)) };
  };
  return { [top!]: set(release[top as keyof Release], rest) } as Partial<Release>;
}

/** The label of compare's row for a field, or for the field it is shown with. */
export function compareRowLabel(path: FieldPath): string {
  const { compare } = releaseField(path);
  const row = releaseField(compare.startsWith('with-') ? (compare.slice('with-'.length) as FieldPath) : path);
  return row.compareLabel ?? row.label;
}

/** The checklist's words for an empty field: its own message, or one made from its label. */
export function ruleMessage(path: FieldPath): string | null {
  const { checklist, label } = releaseField(path);
  if (!checklist) return null;
  const name = label.toLocaleLowerCase('en');
  return checklist.message ?? (checklist.blocking ? `The ${name} is empty.` : `There is no ${name}.`);
}

/**
 * The fields an export places in one part, as [path, text] in the table's
 * order, trimmed, blank ones left out: the rule both exporters follow.
 */
export function exportedFields<Part extends Exclude<FieldExport, 'own'>>(release: object, part: Part) {
  return fieldPathsWhere<FieldPathWhere<'exported', Part>>((field) => field.exported === part)
    .map((path) => [path, fieldText(release, path as TextFieldPath).trim()] as const)
    .filter(([, text]) => text !== '');
}

export const exportedTexts = (release: object, part: Exclude<FieldExport, 'own'>) => exportedFields(release, part).map(([, text]) => text);
