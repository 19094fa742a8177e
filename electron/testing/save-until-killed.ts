// A Dateline process that saves through the real store until it is killed: a release, saved again and
// again, then another. Each save is printed on stdout only after its transaction committed, so what the
// parent has read is what Dateline told a person was saved. Failures are printed too, so busy errors are counted.
import { writeSync } from 'node:fs';
import { createStores } from '../api/backend';
import { openDatabase } from '../store/database';
import { toApiError } from '../store/errors';
import { savedContent } from './saved-content';

const [file, name] = process.argv.slice(2) as [string, string];
const say = (line: object) => writeSync(1, `${JSON.stringify(line)}\n`);
const db = openDatabase(file);
const { people, releases } = createStores(db);
const person = people.signIn(name);
const savesPerRelease = 12;
for (;;) {
  try {
    const created = releases.create(person.id, savedContent('', 1));
    let version = created.version;
    say({ id: created.id, version });
    while (version < savesPerRelease) {
      version = releases.save(created.id, version, savedContent(created.id, version + 1), person.id).version;
      say({ id: created.id, version });
    }
  } catch (error) {
    say({ failure: toApiError(error).message });
  }
}
