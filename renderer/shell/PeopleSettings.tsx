import { useState, type FormEvent } from 'react';
import type { Person } from '@shared/api/session';
import type { Role } from '@shared/review/workflow';
import { useAction, useQuery } from '../data';
import { nameIssue, usePerson } from '../person';
import { QueryFailure } from '../QueryFailure';
import { roleOptions } from './roles';

/** Everyone who uses this installation and their role; reviewers can approve, writers cannot. */
export function PeopleSettings({ onChanged }: { onChanged: (current: Person) => void }) {
  const current = usePerson();
  const people = useQuery('listPeople', {});
  const setPersonRole = useAction('setPersonRole');
  const addPerson = useAction('addPerson');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const issue = nameIssue(name);

  async function changeRole(person: Person, next: Role) {
    const result = await setPersonRole.run({ personId: person.id, role: next });
    if (!result.ok) return;
    if (person.id === current.id) onChanged(result.value);
    people.reload();
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await addPerson.run({ name, role });
    if (!result.ok) return;
    setName('');
    people.reload();
  }

  return (
    <section className="list-view" aria-labelledby="people-title">
      <header className="view-header">
        <h1 id="people-title">People</h1>
      </header>
      <p className="muted">
        Everyone who writes or reviews on this computer. Reviewers can approve releases, but never one they wrote or edited last.
      </p>
      {people.error && <QueryFailure what="the people" error={people.error} onRetry={people.reload} />}
      <table className="release-table narrow">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {people.data?.map((person) => (
            <tr key={person.id}>
              <th scope="row" dir="auto">
                {person.name}
                {person.id === current.id && <span className="muted small"> (you)</span>}
              </th>
              <td>
                <select
                  aria-label={`Role of ${person.name}`}
                  value={person.role}
                  onChange={(event) => void changeRole(person, event.target.value as Role)}
                >
                  {roleOptions}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="add-person" onSubmit={add}>
        <div className="field">
          <label htmlFor="new-person-name">Name</label>
          <input id="new-person-name" dir="auto" value={name} onChange={(event) => setName(event.target.value)} maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="new-person-role">Role</label>
          <select id="new-person-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roleOptions}
          </select>
        </div>
        <button type="submit" disabled={addPerson.pending || name.trim() === '' || issue !== null}>
          Add person
        </button>
        {issue && (
          <p className="field-error" role="alert">
            {issue}
          </p>
        )}
      </form>
    </section>
  );
}
