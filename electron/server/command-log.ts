import type Database from 'better-sqlite3';
import { failWith } from '@shared/api/result';
import { writeTransaction } from '../store/write-transaction';
import type { Caller } from './team-store';

/**
 * Commands done once: a client chooses a command id when the person acts and
 * sends it again after a lost answer or an offline spell. The change and its
 * answer are written in one transaction, so a replay by the same person gets
 * the first answer and changes nothing; a refusal writes nothing and is no
 * answer, so the same command may be tried again once the reason has passed.
 */
export class CommandLog {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  once<T>(caller: Caller, commandId: string, method: string, run: () => T): T {
    return writeTransaction(this.db, () => {
      const done = this.db.prepare(`SELECT person_id AS personId, method, answer FROM commands WHERE command_id = ?`).get(commandId) as
        { personId: number; method: string; answer: string } | undefined;
      if (done) {
        if (done.personId !== caller.person.id || done.method !== method)
          failWith('refused', 'This command id has been used for another command; nothing was changed.', { field: 'commandId' });
        return JSON.parse(done.answer) as T;
      }
      const answer = run();
      this.db
        .prepare(`INSERT INTO commands (command_id, person_id, method, answer, at) VALUES (?, ?, ?, ?, ?)`)
        .run(commandId, caller.person.id, method, JSON.stringify(answer), this.now().toISOString());
      return answer;
    });
  }
}
