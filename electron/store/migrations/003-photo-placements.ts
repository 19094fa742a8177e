import type { Database } from 'better-sqlite3';
import { photoPlacementFields, photoTextLimits, type PhotoPlacement } from '@shared/release/photo';

type Node = { type?: unknown; attrs?: Record<string, unknown>; content?: unknown };
const textFields = photoPlacementFields.filter((field): field is Exclude<keyof PhotoPlacement, 'photoId'> => field !== 'photoId');

/** A body photo's attributes as the one photo schema now requires; true if anything changed. */
function repairFigure(node: Node): boolean {
  const attrs = node.attrs ?? {};
  let changed = node.attrs === undefined;
  const dir = ['ltr', 'rtl', 'auto'].includes(attrs.dir as string) ? attrs.dir : null;
  if (dir !== (attrs.dir ?? null)) changed = true;
  const repaired: Record<string, unknown> = { photoId: attrs.photoId, dir };
  for (const field of textFields) {
    const value = attrs[field];
    const text = (typeof value === 'string' ? value : value == null ? '' : String(value)).slice(0, photoTextLimits[field]);
    if (text !== value) changed = true;
    repaired[field] = text;
  }
  if (Object.keys(attrs).some((key) => !(key in repaired))) changed = true;
  node.attrs = repaired;
  return changed;
}

function repairNode(node: Node): boolean {
  let changed = node.type === 'figure' && repairFigure(node);
  if (Array.isArray(node.content)) for (const child of node.content as Node[]) changed = repairNode(child) || changed;
  return changed;
}

/** The stored JSON with its body photos repaired, or null if it needed nothing (or is not JSON). */
function repairContent(json: string): string | null {
  let content: { body?: Node };
  try {
    content = JSON.parse(json) as { body?: Node };
  } catch {
    return null;
  }
  return content.body && repairNode(content.body) ? JSON.stringify(content) : null;
}

/**
 * Body photos were once checked by a loose schema, so a release imported or
 * saved through the API could hold a caption of 123, an alt of null, or text
 * past the limits that the lead photo always had. Every reader now trusts the
 * one photo schema, so such a release could no longer be opened. This repairs
 * them in place, in the releases and in their revisions: a missing or non-text
 * caption, credit or alt becomes text ("" for none), text past the limits is
 * cut to them (2,000 characters for a caption or alt, 300 for a credit), and
 * attributes no photo has are dropped (nothing ever showed them).
 */
export function up(db: Database): void {
  for (const table of ['releases', 'revisions'] as const) {
    const key = table === 'releases' ? 'seq' : 'id';
    const update = db.prepare(`UPDATE ${table} SET content = @content WHERE ${key} = @key`);
    for (const row of db.prepare(`SELECT ${key} AS key, content FROM ${table}`).all() as { key: number; content: string }[]) {
      const repaired = repairContent(row.content);
      if (repaired !== null) update.run({ key: row.key, content: repaired });
    }
  }
}
