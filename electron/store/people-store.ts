import type { Database } from 'better-sqlite3';
import type { Person } from '@shared/api/session';
import { failWith } from '@shared/api/result';
import { nameKey, nameProblem } from '@shared/people/names';
import type { Role } from '@shared/review/workflow';
import { writeTransaction } from './write-transaction';

const currentPersonKey = 'current_person_id';

/**
 * The people who use this installation, their roles, and which of them is at
 * the keyboard of this process. Who is at the keyboard is this process's own:
 * two windows of browser mode, or the app and the command line, on one data
 * folder each record actions against their own person. The database only
 * remembers the last one chosen, for the next start.
 */
export class PeopleStore {
  /** Undefined until first asked: then the person remembered from the last start, if any. */
  private currentId: number | null | undefined;

  constructor(private readonly db: Database) {}

  current(): Person | null {
    if (this.currentId === undefined) {
      const remembered = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(currentPersonKey) as string | undefined;
      this.currentId = remembered === undefined ? null : Number(remembered);
    }
    return this.currentId === null
      ? null
      : ((this.db.prepare(`SELECT id, name, role FROM people WHERE id = ?`).get(this.currentId) as Person | undefined) ?? null);
  }

  /** The person every change is recorded against; refused until someone has said who they are. */
  requireCurrent(): Person {
    return this.current() ?? failWith('refused', 'Say who you are first: every release records its author and last editor.');
  }

  list(): Person[] {
    return this.db.prepare(`SELECT id, name, role FROM people ORDER BY name COLLATE NOCASE`).all() as Person[];
  }

  /** Finds the person by name (as the names rule compares them) or adds them with the role given, and makes them current. */
  signIn(name: string, role: Role = 'writer'): Person {
    return writeTransaction(this.db, () => this.switchTo((this.sameName(name) ?? this.insert(name, role)).id));
  }

  /** The local person of a name the team server gave (an author, a reviewer), added as a writer if new; who is current stays. */
  known(name: string): Person {
    return writeTransaction(this.db, () => this.sameName(name) ?? this.insert(name, 'writer'));
  }

  add(name: string, role: Role): Person {
    return writeTransaction(this.db, () => {
      const existing = this.sameName(name);
      if (existing) failWith('invalid-input', `${existing.name} is already in the list of people.`, { field: 'name' });
      return this.insert(name, role);
    });
  }

  setRole(personId: number, role: Role): Person {
    return writeTransaction(this.db, () => {
      const { changes } = this.db.prepare(`UPDATE people SET role = ? WHERE id = ?`).run(role, personId);
      if (changes === 0) failWith('not-found', 'That person is not in the list.');
      return this.get(personId);
    });
  }

  switchTo(personId: number): Person {
    return writeTransaction(this.db, () => {
      const person = this.get(personId);
      this.db
        .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(currentPersonKey, String(person.id));
      this.currentId = person.id;
      return person;
    });
  }

  /** A few people use one installation, so comparing every name is cheap, and it is the rule's comparison, not SQLite's. */
  private sameName(name: string): Person | undefined {
    const key = nameKey(name);
    return this.list().find((person) => nameKey(person.name) === key);
  }

  private insert(name: string, role: Role): Person {
    const problem = nameProblem(name);
    if (problem) failWith('invalid-input', problem, { field: 'name' });
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO people (name, role, created_at) VALUES (?, ?, ?)`)
      .run(name, role, new Date().toISOString());
    return this.get(Number(lastInsertRowid));
  }

  private get(personId: number): Person {
    return (
      (this.db.prepare(`SELECT id, name, role FROM people WHERE id = ?`).get(personId) as Person | undefined) ??
      failWith('not-found', 'That person is not in the list.')
    );
  }
}
