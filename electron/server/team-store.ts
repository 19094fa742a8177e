import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { failWith } from '@shared/api/result';
import type { TeamAuditEntry, TeamPerson, TeamSession } from '@shared/api/team';
import { nameKey, nameProblem } from '@shared/people/names';
import type { Role } from '@shared/review/workflow';
import { openSqlite } from '../store/sqlite';
import { writeTransaction } from '../store/write-transaction';
import { hashPassword, passwordMatches, unknownPersonHash } from './passwords';
import { migrateTeamDatabase } from './team-schema';

/** Wrong passwords for one name within this window, after which that name waits until the window has passed. */
const failureWindowMs = 15 * 60 * 1000;
const failuresAllowed = 5;
/** A session nobody has used for this long has ended. */
const sessionIdleMs = 30 * 24 * 60 * 60 * 1000;

/** Who is calling, as the session token says; nothing in a request can change it. */
export interface Caller {
  person: TeamPerson;
  sessionId: number;
}

interface PersonRow {
  id: number;
  name: string;
  role: Role;
  admin: number;
  disabled_at: string | null;
  password_hash: string;
}

const asPerson = (row: PersonRow): TeamPerson => ({
  id: row.id,
  name: row.name,
  role: row.role,
  admin: row.admin === 1,
  disabled: row.disabled_at !== null,
});
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The office's people, their passwords (as scrypt hashes only), sessions and the audit of all of it, in the server's SQLite file. */
export class TeamStore {
  readonly db: Database.Database;

  constructor(
    file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = openSqlite(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrateTeamDatabase(this.db);
  }

  close(): void {
    this.db.close();
  }

  async addPerson(
    actor: Caller | null,
    { name, role, admin, password }: { name: string; role: Role; admin: boolean; password: string },
  ): Promise<TeamPerson> {
    const problem = nameProblem(name);
    if (problem) failWith('invalid-input', problem, { field: 'name' });
    const passwordHash = await hashPassword(password);
    return writeTransaction(this.db, () => {
      const key = nameKey(name);
      const existing = this.db.prepare(`SELECT name FROM people WHERE name_key = ?`).pluck().get(key) as string | undefined;
      if (existing) failWith('invalid-input', `${existing} is already on the team.`, { field: 'name' });
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO people (name, name_key, role, admin, password_hash, created_at) VALUES (@name, @key, @role, @admin, @passwordHash, @at)`,
        )
        .run({ name, key, role, admin: admin ? 1 : 0, passwordHash, at: this.now().toISOString() });
      this.audit(actor?.person.id ?? null, 'add-person', { personId: Number(lastInsertRowid), name, role, admin });
      return this.person(Number(lastInsertRowid));
    });
  }

  /**
   * A name and its password, for a session token that is shown once and
   * stored only as its hash. A wrong name and a wrong password read the same and
   * take as long; after five wrong tries for a name, it waits fifteen minutes.
   */
  async signIn(name: string, password: string, source: string): Promise<{ token: string; person: TeamPerson }> {
    const key = nameKey(name);
    const row = this.db.prepare(`SELECT * FROM people WHERE name_key = ?`).get(key) as PersonRow | undefined;
    // Every try counts as a failure from its start, so tries sent all at once cannot each find the name unlocked.
    const attempt = writeTransaction(this.db, () => {
      const lockedUntil = this.lockedUntil(key);
      if (lockedUntil) return { lockedUntil, id: 0 };
      const { lastInsertRowid } = this.db
        .prepare(`INSERT INTO sign_in_failures (name_key, at) VALUES (?, ?)`)
        .run(key, this.now().toISOString());
      return { lockedUntil: null, id: Number(lastInsertRowid) };
    });
    const refuse = (reason: string, message: string): never => {
      this.audit(null, 'sign-in-failed', { name, reason, from: source });
      return failWith('refused', message);
    };
    if (attempt.lockedUntil)
      return refuse(
        'locked',
        `Too many wrong passwords for this name. Try again after ${attempt.lockedUntil.toISOString().slice(11, 16)} UTC.`,
      );
    const matches = await passwordMatches(password, row?.password_hash ?? (await unknownPersonHash));
    if (!row || !matches) return refuse('wrong password', 'That name and password do not match.');
    // The right password is no failure, whatever else stops it.
    this.db.prepare(`DELETE FROM sign_in_failures WHERE rowid = ?`).run(attempt.id);
    if (row.disabled_at) return refuse('disabled', 'This account is disabled. Ask an administrator of the team server.');
    const token = randomBytes(32).toString('base64url');
    return writeTransaction(this.db, () => {
      const at = this.now().toISOString();
      this.db
        .prepare(`INSERT INTO sessions (person_id, token_hash, source, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)`)
        .run(row.id, tokenHash(token), source, at, at);
      this.db.prepare(`DELETE FROM sign_in_failures WHERE name_key = ?`).run(key);
      this.audit(row.id, 'sign-in', { from: source });
      return { token, person: asPerson(row) };
    });
  }

  /** The caller behind a token, or null: unknown, ended, idle too long, or its account disabled. */
  caller(token: string | undefined): Caller | null {
    if (!token) return null;
    const row = this.db
      .prepare(
        `SELECT s.id AS sessionId, s.last_used_at AS lastUsedAt, s.ended_at AS endedAt, p.*
         FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.token_hash = ?`,
      )
      .get(tokenHash(token)) as (PersonRow & { sessionId: number; lastUsedAt: string; endedAt: string | null }) | undefined;
    const now = this.now();
    if (!row || row.endedAt || row.disabled_at || now.getTime() - Date.parse(row.lastUsedAt) > sessionIdleMs) return null;
    this.db.prepare(`UPDATE sessions SET last_used_at = ? WHERE id = ?`).run(now.toISOString(), row.sessionId);
    return { person: asPerson(row), sessionId: row.sessionId };
  }

  /** Whether a session still stands, without counting as its use: asked for every message on an open sync socket. */
  sessionStands(sessionId: number): boolean {
    const row = this.db
      .prepare(
        `SELECT s.last_used_at AS lastUsedAt FROM sessions s JOIN people p ON p.id = s.person_id
         WHERE s.id = ? AND s.ended_at IS NULL AND p.disabled_at IS NULL`,
      )
      .get(sessionId) as { lastUsedAt: string } | undefined;
    return row !== undefined && this.now().getTime() - Date.parse(row.lastUsedAt) <= sessionIdleMs;
  }

  signOut(caller: Caller): void {
    writeTransaction(this.db, () => {
      this.endSession(caller.sessionId);
      this.audit(caller.person.id, 'sign-out', {});
    });
  }

  listPeople(): TeamPerson[] {
    return (this.db.prepare(`SELECT * FROM people ORDER BY name COLLATE NOCASE`).all() as PersonRow[]).map(asPerson);
  }

  setRole(actor: Caller, personId: number, role: Role, admin: boolean): TeamPerson {
    return writeTransaction(this.db, () => {
      const before = this.person(personId);
      if (before.admin && !admin) this.keepAnAdministrator(personId);
      this.db.prepare(`UPDATE people SET role = ?, admin = ? WHERE id = ?`).run(role, admin ? 1 : 0, personId);
      this.audit(actor.person.id, 'set-role', {
        personId,
        name: before.name,
        from: { role: before.role, admin: before.admin },
        to: { role, admin },
      });
      return this.person(personId);
    });
  }

  setDisabled(actor: Caller, personId: number, disabled: boolean): TeamPerson {
    return writeTransaction(this.db, () => {
      const before = this.person(personId);
      if (disabled && before.admin) this.keepAnAdministrator(personId);
      this.db.prepare(`UPDATE people SET disabled_at = ? WHERE id = ?`).run(disabled ? this.now().toISOString() : null, personId);
      if (disabled)
        this.db
          .prepare(`UPDATE sessions SET ended_at = ? WHERE person_id = ? AND ended_at IS NULL`)
          .run(this.now().toISOString(), personId);
      this.audit(actor.person.id, disabled ? 'disable' : 'enable', { personId, name: before.name });
      return this.person(personId);
    });
  }

  /** Open sessions: everyone's for an administrator, otherwise the caller's own. */
  listSessions(caller: Caller): TeamSession[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.person_id AS personId, p.name AS personName, s.created_at AS createdAt, s.last_used_at AS lastUsedAt, s.source AS "from"
         FROM sessions s JOIN people p ON p.id = s.person_id
         WHERE s.ended_at IS NULL AND (@admin = 1 OR s.person_id = @personId) ORDER BY s.last_used_at DESC`,
      )
      .all({ admin: caller.person.admin ? 1 : 0, personId: caller.person.id }) as Omit<TeamSession, 'current'>[];
    return rows.map((row) => ({ ...row, current: row.id === caller.sessionId }));
  }

  revokeSession(caller: Caller, sessionId: number): void {
    writeTransaction(this.db, () => {
      const owner = this.db.prepare(`SELECT person_id FROM sessions WHERE id = ? AND ended_at IS NULL`).pluck().get(sessionId) as
        number | undefined;
      if (owner === undefined || (owner !== caller.person.id && !caller.person.admin))
        failWith('not-found', 'There is no such open session.');
      this.endSession(sessionId);
      this.audit(caller.person.id, 'revoke-session', { sessionId, personId: owner });
    });
  }

  listAudit(): TeamAuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.at, p.name AS actorName, a.action, a.details FROM audit a LEFT JOIN people p ON p.id = a.actor_id ORDER BY a.id DESC LIMIT 1000`,
      )
      .all() as (Omit<TeamAuditEntry, 'details'> & { details: string })[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }

  private person(personId: number): TeamPerson {
    const row = this.db.prepare(`SELECT * FROM people WHERE id = ?`).get(personId) as PersonRow | undefined;
    return row ? asPerson(row) : failWith('not-found', 'That person is not on the team.');
  }

  /** Nobody can take away the last administrator, who is the only way back in short of the command line. */
  private keepAnAdministrator(leaving: number): void {
    const others = this.db.prepare(`SELECT count(*) FROM people WHERE admin = 1 AND disabled_at IS NULL AND id != ?`).pluck().get(leaving);
    if (others === 0) failWith('refused', 'The team needs at least one administrator; make someone else one first.');
  }

  private lockedUntil(key: string): Date | null {
    const since = new Date(this.now().getTime() - failureWindowMs).toISOString();
    const recent = this.db
      .prepare(`SELECT at FROM sign_in_failures WHERE name_key = ? AND at > ? ORDER BY at`)
      .pluck()
      .all(key, since) as string[];
    return recent.length >= failuresAllowed ? new Date(Date.parse(recent.at(-failuresAllowed)!) + failureWindowMs) : null;
  }

  private endSession(sessionId: number): void {
    this.db.prepare(`UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL`).run(this.now().toISOString(), sessionId);
  }

  /** One line of the server's audit trail; the trail's triggers refuse any change to a line once written. */
  audit(actorId: number | null, action: TeamAuditEntry['action'], details: Record<string, unknown>): void {
    this.db
      .prepare(`INSERT INTO audit (at, actor_id, action, details) VALUES (?, ?, ?, ?)`)
      .run(this.now().toISOString(), actorId, action, JSON.stringify(details));
  }
}
