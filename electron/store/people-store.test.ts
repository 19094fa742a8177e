import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStores } from '../api/backend';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { openDatabase } from './database';

const tempDir = useTempDir();

describe('who is at the keyboard', () => {
  it('is each process’s own: two hosts on one folder record their own person, and the last chosen is remembered at the next start', () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const [first, second] = [openDatabase(file), openDatabase(file)];
    const [hostA, hostB] = [createStores(first), createStores(second)];
    const amal = hostA.people.signIn('Amal Haddad');
    const omar = hostB.people.signIn('Omar Khatib', 'reviewer');

    const release = hostA.releases.create(hostA.people.requireCurrent().id, releaseContent({ headline: 'Written on host A' }));
    expect(hostA.people.current()).toEqual(amal);
    expect(hostB.people.current()).toEqual(omar);
    expect(hostA.releases.get(release.id)).toMatchObject({ authorName: 'Amal Haddad' });
    first.close();
    second.close();

    const restarted = openDatabase(file);
    expect(createStores(restarted).people.current()).toEqual(omar);
    restarted.close();
  });

  it('follows a change of role made elsewhere', () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const [first, second] = [openDatabase(file), openDatabase(file)];
    const [hostA, hostB] = [createStores(first), createStores(second)];
    const amal = hostA.people.signIn('Amal Haddad');
    hostB.people.setRole(amal.id, 'reviewer');
    expect(hostA.people.current()).toEqual({ ...amal, role: 'reviewer' });
    first.close();
    second.close();
  });
});
