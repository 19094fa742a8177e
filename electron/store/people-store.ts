import type { Database } from 'better-sqlite3';
import type { Person } from '../../shared/api/session';
import { failWith } from '../../shared/api/result';

const currentPersonKey = 'current_person_id';

/** The people who use this installation, and which of them is at the keyboard. */
export class PeopleStore {
  constructor(private readonly db: Database) {}

  current(): Person | null {
    return (
      (this.db
        .prepare(`SELECT people.id, people.name FROM settings JOIN people ON people.id = CAST(settings.value AS INTEGER) WHERE settings.key = ?`)
        .get(currentPersonKey) as Person | undefined) ?? null
    );
  }

  /** The person every change is recorded against; refused until someone has said who they are. */
  requireCurrent(): Person {
    return this.current() ?? failWith('refused', 'Say who you are first: every release records its author and last editor.');
  }

  /** Finds the person by name (case-insensitively) or adds them, and makes them current. */
  signIn(name: string): Person {
    return this.db.transaction(() => {
      this.db.prepare(`INSERT INTO people (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`).run(name, new Date().toISOString());
      const person = this.db.prepare(`SELECT id, name FROM people WHERE name = ?`).get(name) as Person;
      this.db
        .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(currentPersonKey, String(person.id));
      return person;
    })();
  }
}
