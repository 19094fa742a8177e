import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HistoryCheck } from '@shared/api/activity';
import { ApiFailure, describeIssues } from '@shared/api/result';
import type { Person } from '@shared/api/session';
import { nameKey } from '@shared/people/names';
import { exportFormats, type ExportFormat, type ExportOptions } from '@shared/export/options';
import { releaseContentSchema } from '@shared/release/content';
import { finalExport, releaseFacts, releaseStatuses, type ReleaseStatus } from '@shared/review/workflow';
import { createStores } from '../api/backend';
import { log } from '../log/log';
import { databaseFileName, defaultDataDirectory, logDirectory, resolveDataDirectory } from '../store/data-location';
import { backupDatabase } from '../store/backup';
import { openDatabase } from '../store/database';
import { chainLabels, verifyHistory } from '../store/history-chain';
import { restoreDatabase } from '../store/restore';
import { describeOpenFailure, toApiError } from '../store/errors';

/** Exit codes a script can rely on. */
const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

const common = `
Options for every command, before or after its name:
  --db PATH    the database (default: ${databaseFileName} in $DATELINE_DATA_DIR, else in ${defaultDataDirectory()})
  --as NAME    the person to record actions against (default: the app's current person)
  --json       print the result as one JSON value, for scripts (messages still go to stderr)
  --help       this help`;

const commonOptions = {
  db: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

const commands = {
  list: {
    usage: `Usage: dateline list [--status STATUS] [--search WORDS]

Prints one release a line, newest first: id, status, dateline date, last modified, headline (tab-separated).
With --json, an array of objects: id, version, status, headline, datelineDate, language, authorName,
lastEditorName, createdAt, updatedAt and the rest of the list's columns.
  --status STATUS  only releases in this state (${releaseStatuses.join(', ')})
  --search WORDS   only releases whose text matches`,
    options: { status: { type: 'string' }, search: { type: 'string' } },
  },
  export: {
    usage: `Usage: dateline export (--id ID | --all-approved) --format txt|html|fragment --out DIR [--draft] [--ap] [--no-captions] [--wrap] [--overwrite]

Writes releases as files into DIR and prints each file's path. A release whose approval is
current is exported as final and marked Released; any other is exported as a draft, marked
as one. Existing files are left alone unless --overwrite is given. With --json:
{ "written": [{ "id", "path", "final" }], "failed": [{ "id", "message" }] }.
  --id ID          one release
  --all-approved   every approved release
  --draft          export as a draft even when approved
  --ap             AP-style dateline (Sept. 26) instead of full months
  --no-captions    leave photo lines out of plain text
  --wrap           wrap plain text at 72 columns`,
    options: {
      id: { type: 'string' },
      'all-approved': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      draft: { type: 'boolean' },
      ap: { type: 'boolean' },
      'no-captions': { type: 'boolean' },
      wrap: { type: 'boolean' },
      overwrite: { type: 'boolean' },
    },
  },
  import: {
    usage: `Usage: dateline import FILE.json

Adds a release from a JSON file in the documented form (README, "Release JSON") and prints its id
(with --json: { "id" }).`,
    options: {},
  },
  backup: {
    usage: `Usage: dateline backup --out FILE

Writes a consistent copy of the whole database to FILE (never over an existing file), checked with\nSQLite's integrity_check before it gets its name. Saves may go on meanwhile. Prints the file's
path (with --json: { "backup" }).`,
    options: { out: { type: 'string' } },
  },
  restore: {
    usage: `Usage: dateline restore BACKUP

Puts BACKUP (a file made by dateline backup) in place of the database. The backup is checked
first, Dateline must not be running on this database, and the current file is set aside beside
it with its -wal and -shm (never deleted); the command prints where (with --json:
{ "restored", "from", "setAside" }, setAside null when there was no database).`,
    options: {},
  },
  verify: {
    usage: `Usage: dateline verify

Checks the hash chains of the audit trail, the approvals and the revisions. Prints
"History intact: …" and exits 0, or prints where the history was changed outside
Dateline (a row changed, deleted, added or put out of order) and exits 1 (with --json:
{ "intact", "counts", "breaks" }).`,
    options: {},
  },
} satisfies Record<string, { usage: string; options: ParseArgsConfig['options'] }>;

const mainUsage = `Usage: dateline [options] <command> [options]

Commands:
  list      list releases
  export    write releases as text or HTML files
  import    add a release from a JSON file
  backup    copy the database
  restore   put a backup in place of the database
  verify    check that the history was not changed outside Dateline
Run dateline <command> --help for a command's options; --db, --as and --json work with every command.
Exit codes: 0 done, 1 failed (the message says why), 2 the command line was wrong.`;

/**
 * Where the command's name is: the first word that is neither an option nor
 * the value of one, so the options every command takes may come before it
 * (dateline --db X list) as well as after.
 */
function commandIndex(argv: string[]): number {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('-')) return index;
    const option = commonOptions[arg.slice(2) as keyof typeof commonOptions];
    if (option?.type === 'string') index++;
  }
  return -1;
}

async function run(argv: string[]): Promise<number> {
  const at = commandIndex(argv);
  const name = at === -1 ? undefined : argv[at];
  const rest = argv.filter((_, index) => index !== at);
  if (!name || name === 'help') {
    console.log(mainUsage);
    return name || rest.includes('--help') ? exitCodes.ok : exitCodes.usage;
  }
  if (!Object.hasOwn(commands, name)) throw new UsageError(`unknown command "${name}"\n\n${mainUsage}`);
  const command = commands[name as keyof typeof commands];
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, ...commonOptions },
      allowPositionals: name === 'import' || name === 'restore',
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${command.usage}${common}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(`${command.usage}\n${common}`);
    return exitCodes.ok;
  }
  /**
   * What a script reads: one JSON value on stdout, instead of the lines a person
   * reads. JSON escapes control characters but not bidi overrides and isolates,
   * which would still act on a terminal the output is shown in; escaped, they
   * read back the same.
   */
  const printJson = (value: unknown) =>
    console.log(
      JSON.stringify(value, null, 2).replace(/[\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16)}`),
    );

  // The same folder the desktop app and browser mode resolve DATELINE_DATA_DIR to.
  const databaseFile =
    typeof values.db === 'string' ? resolve(values.db) : join(resolveDataDirectory(process.env.DATELINE_DATA_DIR), databaseFileName);
  if (name === 'restore') {
    const [backup] = positionals;
    if (!backup || positionals.length > 1) throw new UsageError(`give one BACKUP file\n\n${command.usage}`);
    const setAside = restoreDatabase(databaseFile, resolve(backup));
    if (values.json) printJson({ restored: databaseFile, from: resolve(backup), setAside: setAside ?? null });
    else {
      console.log(`Restored ${databaseFile} from ${resolve(backup)}.`);
      if (setAside) console.log(`The previous database was set aside as ${setAside} (with its -wal and -shm, if it had them).`);
    }
    return exitCodes.ok;
  }
  if (!existsSync(databaseFile)) throw new Error(`no database at ${databaseFile} (start Dateline once, or pass --db)`);
  // Messages go to stderr as they are; the log, beside the database, keeps the stack of anything unexpected.
  log.attach(logDirectory(dirname(databaseFile)));
  const db = openDatabase(databaseFile);
  try {
    const stores = createStores(db);
    const actor = (): Person => {
      if (typeof values.as === 'string') {
        return (
          stores.people.list().find((person) => nameKey(person.name) === nameKey(String(values.as))) ??
          fail(`nobody called "${values.as}" uses this database`)
        );
      }
      return stores.people.current() ?? fail('no person is set up in this database; start Dateline once, or pass --as NAME');
    };

    switch (name) {
      case 'list': {
        if (values.status !== undefined && !releaseStatuses.includes(values.status as ReleaseStatus))
          throw new UsageError(`--status must be one of ${releaseStatuses.join(', ')}`);
        const releases = stores.releases
          .list('active', values.search as string | undefined)
          .filter((release) => !values.status || release.status === values.status);
        if (values.json) printJson(releases);
        else
          for (const release of releases)
            console.log(
              [release.id, release.status, release.datelineDate || '-', release.updatedAt, forTerminal(release.headline)].join('\t'),
            );
        return exitCodes.ok;
      }
      case 'export': {
        const format = values.format as ExportFormat;
        if (!exportFormats.includes(format))
          throw new UsageError(`--format must be one of ${exportFormats.join(', ')}\n\n${command.usage}`);
        if (!values.out) throw new UsageError(`--out DIR is required\n\n${command.usage}`);
        if (Boolean(values.id) === Boolean(values['all-approved']))
          throw new UsageError(`give either --id ID or --all-approved\n\n${command.usage}`);
        const out = resolve(String(values.out));
        if (!existsSync(out)) throw new Error(`the folder ${out} does not exist`);
        const options: ExportOptions = {
          datelineStyle: values.ap ? 'ap' : 'full',
          includeCaptions: !values['no-captions'],
          wrap: Boolean(values.wrap),
        };
        const ids = values.id
          ? [String(values.id)]
          : stores.releases
              .list('active')
              .filter((release) => release.status === 'approved')
              .map((release) => release.id);
        const person = actor();
        const written: { id: string; path: string; final: boolean }[] = [];
        const failed: { id: string; message: string }[] = [];
        for (const id of ids) {
          try {
            // The workflow authority says whether this export may be final; anything else goes out as a draft.
            const mayBeFinal = finalExport(releaseFacts(stores.releases.get(id))).allowed;
            const request = { id, format, options };
            const file = stores.exports.produceText(request, mayBeFinal && !values.draft);
            const path = join(out, file.fileName);
            stores.exports.writeAndRecord(request, file, person, path, { overwrite: Boolean(values.overwrite) });
            written.push({ id, path, final: file.final });
            if (!values.json) console.log(path);
          } catch (error) {
            const { message } = toApiError(error);
            failed.push({ id, message });
            console.error(`dateline: ${id}: ${message}`);
          }
        }
        if (ids.length === 0) console.error('dateline: no approved releases to export');
        if (values.json) printJson({ written, failed });
        return failed.length > 0 ? exitCodes.failed : exitCodes.ok;
      }
      case 'import': {
        const [file] = positionals;
        if (!file || positionals.length > 1) throw new UsageError(`give one FILE.json\n\n${command.usage}`);
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
          throw new Error(`${file} could not be read as JSON: ${reason}`, { cause: error });
        }
        const content = releaseContentSchema.safeParse(json);
        if (!content.success) throw new Error(`${file} is not a release: ${describeIssues(content.error).message}`);
        const { id } = stores.releases.create(actor().id, content.data, { importedFrom: basename(file) });
        if (values.json) printJson({ id });
        else console.log(id);
        return exitCodes.ok;
      }
      case 'backup': {
        if (!values.out) throw new UsageError(`--out FILE is required\n\n${command.usage}`);
        const target = resolve(String(values.out));
        await backupDatabase(db, target);
        if (values.json) printJson({ backup: target });
        else console.log(target);
        return exitCodes.ok;
      }
      case 'verify': {
        const check = verifyHistory(db);
        if (values.json) printJson(check);
        else reportHistory(check);
        return check.intact ? exitCodes.ok : exitCodes.failed;
      }
    }
    return exitCodes.usage;
  } finally {
    db.close();
  }
}

/** The history check as a line a script can read and a person can act on; the breaks go to stderr, as every failure does. */
function reportHistory(check: HistoryCheck): void {
  if (check.intact) {
    const counted = (['audit', 'approvals', 'revisions'] as const).map((chain) => {
      const count = check.counts[chain];
      return `${count} ${count === 1 ? chainLabels[chain].one : chainLabels[chain].many}`;
    });
    console.log(`History intact: ${counted.join(', ')}`);
    return;
  }
  console.error('dateline: the history was changed outside Dateline:');
  for (const found of check.breaks) console.error(`  ${found.message}`);
}

/**
 * A headline as one safe line of a terminal: control characters (escape
 * sequences, carriage returns, tabs that would fake a column) and bidi
 * overrides and isolates (which reorder what follows) are shown as \u{…}
 * instead of acting. Arabic and Hebrew text, and the marks that belong in it, are kept.
 */
function forTerminal(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Exits once everything written has reached the terminal or pipe: stdout to a
 * pipe is asynchronous, and exiting straight away cut `dateline list | wc -l` short.
 */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

run(process.argv.slice(2)).then(exitWhenWritten, (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`dateline: ${error.message}`);
    return exitWhenWritten(exitCodes.usage);
  }
  const message =
    error instanceof ApiFailure
      ? error.message
      : String((error as { code?: unknown }).code ?? '').startsWith('SQLITE')
        ? describeOpenFailure(error)
        : (error as Error).message;
  console.error(`dateline: ${message}`);
  exitWhenWritten(exitCodes.failed);
});
