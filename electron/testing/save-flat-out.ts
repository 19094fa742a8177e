// A second Dateline in another process: it saves a release of its own as fast as it can through the
// real store, and prints every save that was refused, so a test can count busy errors.
import { releaseContent } from './release-content';
import { createStores } from '../api/backend';
import { openDatabase } from '../store/database';
import { toApiError } from '../store/errors';

const [file, countText, name] = process.argv.slice(2) as [string, string, string];
const db = openDatabase(file);
const { people, releases } = createStores(db);
const person = people.signIn(name);
let { id, version } = releases.create(person.id, releaseContent({ headline: name }));
const failures: string[] = [];
for (let save = 0; save < Number(countText); save++) {
  try {
    version = releases.save(
      id,
      version,
      releaseContent({ headline: `${name} ${save}`, bodyText: [`Paragraph ${save}.`] }),
      person.id,
    ).version;
  } catch (error) {
    failures.push(toApiError(error).message);
    ({ id, version } = releases.get(id));
  }
}
db.close();
process.stdout.write(JSON.stringify({ failures }));
