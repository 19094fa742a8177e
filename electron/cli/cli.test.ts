import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftMark } from '@shared/export/options';
import { sampleReleases } from '@shared/export/sample-releases';
import { maxBodyCharacters, releaseTooLong } from '@shared/release/limits';
import { createStores } from '../api/backend';
import { openDatabase } from '../store/database';
import { bundleForNode } from '../testing/bundle-for-node';
import { useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
let cli: string;

beforeAll(() => {
  // The command line as it ships: one bundle run by plain Node.
  cli = bundleForNode(join(import.meta.dirname, 'main.ts'), 'dateline');
});

function dateline(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A database with an approved release and a draft, made through the real stores. */
function seededDatabase() {
  const dir = tempDir();
  const file = join(dir, 'dateline.sqlite3');
  const db = openDatabase(file);
  const { people, releases, lifecycle } = createStores(db);
  const writer = people.signIn('Amal Haddad');
  const reviewer = people.add('Badr Saleh', 'reviewer');
  const approved = releases.create(writer.id, sampleReleases.embargoed);
  const version = lifecycle.transition(approved.id, writer, 'submit', 1, {}).version;
  lifecycle.transition(approved.id, reviewer, 'approve', version, {});
  const draft = releases.create(writer.id, sampleReleases['lists-and-links']);
  db.close();
  return { dir, file, approvedId: approved.id, draftId: draft.id };
}

describe('dateline command line', () => {
  it('lists releases, filtered by status or words', () => {
    const { file, approvedId, draftId } = seededDatabase();
    const all = dateline('list', '--db', file);
    expect(all.code).toBe(0);
    expect(
      all.out
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual([draftId, approvedId]);
    expect(dateline('list', '--db', file, '--status', 'approved').out).toContain('Harbour authority opens the eastern quay');
    expect(dateline('list', '--db', file, '--status', 'approved').out).not.toContain('Ferry');
    expect(dateline('list', '--db', file, '--search', 'ferry timetable').out.trim().split('\n')).toHaveLength(1);
  });

  it('writes every line into a pipe before exiting (more than a pipe buffer holds)', () => {
    const { file } = seededDatabase();
    const db = openDatabase(file);
    const { people, releases } = createStores(db);
    const writer = people.signIn('Amal Haddad');
    db.transaction(() => {
      for (let index = 0; index < 600; index++)
        releases.create(writer.id, { ...sampleReleases.embargoed!, headline: `Release ${index} `.repeat(20) });
    })();
    db.close();
    // A reader that starts late, as `dateline list | less` or a busy `wc -l` does: the pipe fills, and what is
    // still queued when the process exits is lost unless it waits (it used to: 192 of 600 lines).
    const slowReader = `"${process.execPath}" "${cli}" list --db "${file}" | (sleep 0.5; wc -l)`;
    for (let run = 0; run < 2; run++) {
      const counted = spawnSync('sh', ['-c', slowReader], { encoding: 'utf8' });
      expect(counted.stdout.trim()).toBe('602');
    }
  });

  it('shows control and bidi-override characters in a headline instead of letting them act on the terminal', () => {
    const { file } = seededDatabase();
    const db = openDatabase(file);
    const { people, releases } = createStores(db);
    const writer = people.signIn('Amal Haddad');
    releases.create(writer.id, { ...sampleReleases.embargoed!, headline: 'Quay \u001b[2J\u001b[31mopens\r\tfake\u202eevil بيان' });
    db.close();
    const line = dateline('list', '--db', file).out.split('\n')[0]!;
    const columns = line.split('\t');
    expect(columns).toHaveLength(5);
    for (const column of columns) expect(column).not.toMatch(/[\p{Cc}\u202e]/u);
    expect(line).toContain('Quay \\u{1b}[2J\\u{1b}[31mopens\\u{d}\\u{9}fake\\u{202e}evil بيان');
    const json = dateline('list', '--db', file, '--json').out;
    for (const raw of ['\u001b', '\r', '\u202e']) expect(json).not.toContain(raw);
    expect((JSON.parse(json) as { headline: string }[])[0]!.headline).toBe('Quay \u001b[2J\u001b[31mopens\r\tfake\u202eevil بيان');
  });

  it('exports approved releases as final and marks them Released; others as drafts', () => {
    const { file, dir, draftId } = seededDatabase();
    const out = join(dir, 'out');
    spawnSync('mkdir', [out]);
    const approved = dateline('export', '--db', file, '--all-approved', '--format', 'html', '--out', out);
    expect(approved).toMatchObject({ code: 0 });
    expect(readdirSync(out)).toEqual(['harbour-authority-opens-the-eastern-quay-2026-09-26.html']);
    expect(dateline('list', '--db', file, '--status', 'released').out).toContain('Harbour authority');

    const draft = dateline('export', '--db', file, '--id', draftId, '--format', 'txt', '--out', out, '--ap');
    expect(draft.code).toBe(0);
    const text = readFileSync(draft.out.trim(), 'utf8');
    expect(text.startsWith(`${draftMark}\n`)).toBe(true);
    expect(text).toContain('MUSCAT, Oct. 15, 2026 —');

    // Again, into the same folder: the existing file is left alone and the exit code says so.
    const again = dateline('export', '--db', file, '--id', draftId, '--format', 'txt', '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; it was not replaced/);
  });

  it('imports a release from JSON, naming the field that is wrong', () => {
    const { file, dir } = seededDatabase();
    const good = join(dir, 'release.json');
    writeFileSync(good, JSON.stringify(sampleReleases.arabic));
    const imported = dateline('import', good, '--db', file);
    expect(imported.code).toBe(0);
    expect(dateline('list', '--db', file).out).toContain(imported.out.trim());

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...sampleReleases.arabic, dateline: { city: 'Doha', date: '26/09/2026' } }));
    expect(dateline('import', bad, '--db', file)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/dateline\.date: must be a date as YYYY-MM-DD/),
    });
    writeFileSync(bad, '{ "headline": ');
    expect(dateline('import', bad, '--db', file)).toMatchObject({ code: 1, err: expect.stringMatching(/could not be read as JSON/) });
    expect(dateline('import', join(dir, 'missing.json'), '--db', file)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no such file/),
    });
  });

  it('refuses to import a release longer than the editor could ever save, as the editor would say it', () => {
    const { file, dir } = seededDatabase();
    const long = join(dir, 'long.json');
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a'.repeat(maxBodyCharacters + 1) }] }] };
    writeFileSync(long, JSON.stringify({ ...sampleReleases.arabic, body }));
    const refused = dateline('import', long, '--db', file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(releaseTooLong);
    expect(dateline('list', '--db', file).out.trim().split('\n')).toHaveLength(2);
  });

  it('takes the common options before the command as well as after it', () => {
    const { file, approvedId, draftId } = seededDatabase();
    const before = dateline('--db', file, 'list', '--status', 'approved');
    expect(before).toMatchObject({ code: 0, out: expect.stringContaining(approvedId) });
    expect(before.out).not.toContain(draftId);
    expect(dateline('--json', `--db=${file}`, '--as', 'Badr Saleh', 'list').code).toBe(0);
    expect(dateline('--db', file)).toMatchObject({ code: 2, out: expect.stringMatching(/^Usage: dateline \[options\] <command>/) });
    expect(dateline('--help').code).toBe(0);
    expect(dateline('--db', file, '--colour', 'list')).toMatchObject({ code: 2, err: expect.stringMatching(/--colour/) });
  });

  it('prints one JSON value for scripts with --json, from every command', () => {
    const { file, dir, approvedId, draftId } = seededDatabase();
    const json = (...args: string[]) => {
      const result = dateline('--json', '--db', file, ...args);
      return { code: result.code, value: JSON.parse(result.out) as unknown };
    };
    const listed = json('list');
    expect(listed.code).toBe(0);
    expect(listed.value).toEqual([
      expect.objectContaining({ id: draftId, status: 'draft', headline: expect.any(String), updatedAt: expect.any(String) }),
      expect.objectContaining({ id: approvedId, status: 'approved', headline: 'Harbour authority opens the eastern quay' }),
    ]);

    const out = join(dir, 'out');
    spawnSync('mkdir', [out]);
    expect(json('export', '--all-approved', '--format', 'txt', '--out', out)).toEqual({
      code: 0,
      value: { written: [{ id: approvedId, path: join(out, readdirSync(out)[0]!), final: true }], failed: [] },
    });
    const again = json('export', '--id', approvedId, '--format', 'txt', '--out', out);
    expect(again).toMatchObject({
      code: 1,
      value: { written: [], failed: [{ id: approvedId, message: expect.stringMatching(/already exists/) }] },
    });

    const backup = join(dir, 'backup.sqlite3');
    expect(json('backup', '--out', backup)).toEqual({ code: 0, value: { backup } });
    const release = join(dir, 'release.json');
    writeFileSync(release, JSON.stringify(sampleReleases.arabic));
    const imported = json('import', release);
    expect(imported).toEqual({ code: 0, value: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    const restored = json('restore', backup);
    expect(restored).toEqual({ code: 0, value: { restored: file, from: backup, setAside: expect.stringContaining('before-restore-') } });
    expect(json('list').value).toHaveLength(2);
  });

  it('backs up the database to a new file, and restores it', () => {
    const { file, dir } = seededDatabase();
    const backup = join(dir, 'backup.sqlite3');
    expect(dateline('backup', '--db', file, '--out', backup).code).toBe(0);
    expect(dateline('list', '--db', backup).out.trim().split('\n')).toHaveLength(2);
    expect(dateline('backup', '--db', file, '--out', backup)).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });

    const imported = join(dir, 'later.json');
    writeFileSync(imported, JSON.stringify(sampleReleases.arabic));
    expect(dateline('import', imported, '--db', file).code).toBe(0);
    const restored = dateline('restore', backup, '--db', file);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/set aside as .*before-restore-/) });
    expect(dateline('list', '--db', file).out.trim().split('\n')).toHaveLength(2);
  });

  it('verifies the history: exit 0 while it is intact, 1 and where it breaks once it was changed outside Dateline', () => {
    const { file } = seededDatabase();
    expect(dateline('verify', '--db', file)).toMatchObject({ code: 0, out: 'History intact: 4 audit entries, 1 approval, 4 revisions\n' });
    const db = openDatabase(file);
    db.prepare(`UPDATE approvals SET approver_id = (SELECT id FROM people WHERE name = 'Amal Haddad')`).run();
    db.close();
    expect(dateline('verify', '--db', file)).toMatchObject({
      code: 1,
      out: '',
      err: 'dateline: the history was changed outside Dateline:\n  approval 1 was changed\n',
    });
  });

  it('answers bad command lines with usage and exit code 2, and unknown ids with 1', () => {
    const { file, dir } = seededDatabase();
    expect(dateline('publish')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "publish"/) });
    expect(dateline('export', '--db', file, '--format', 'pdf', '--id', 'x', '--out', dir)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--format must be one of txt, html, fragment/),
    });
    expect(dateline('list', '--db', file, '--colour')).toMatchObject({ code: 2 });
    expect(dateline('export', '--db', file, '--id', '5f0b8c1e-1111-4a4a-9b9b-123456789abc', '--format', 'txt', '--out', dir)).toMatchObject(
      {
        code: 1,
        err: expect.stringMatching(/That release no longer exists/),
      },
    );
    expect(dateline('list', '--db', join(dir, 'nowhere.sqlite3'))).toMatchObject({ code: 1, err: expect.stringMatching(/no database at/) });
    expect(dateline('export', '--help').out).toMatch(/^Usage: dateline export/);
    expect(existsSync(join(dir, 'nowhere.sqlite3'))).toBe(false);
  });
});
