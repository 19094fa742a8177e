import { useState, type FormEvent } from 'react';
import type { Person } from '@shared/api/session';
import type { Role } from '@shared/review/workflow';
import { useAction } from '../data';
import { nameIssue } from '../person';

/** First run: who is writing, so every release records its author, and whether they also review. */
export function WelcomeScreen({ onSignedIn }: { onSignedIn: (person: Person) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const [error, setError] = useState<string | null>(null);
  // Shown under the form rather than as a notice: the form is all there is on screen, and the name may be what was refused.
  const signIn = useAction('signIn', { showFailure: false });
  const issue = nameIssue(name);
  const shown = issue ?? error;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signIn.run({ name, role });
    if (result.ok) onSignedIn(result.value);
    else setError(result.error.message);
  }

  return (
    <div className="welcome">
      <form className="welcome-card" onSubmit={submit} aria-labelledby="welcome-title">
        <div className="brand-mark" aria-hidden="true">
          D
        </div>
        <h1 id="welcome-title">Welcome to Dateline</h1>
        <p className="muted">
          Your releases stay on this computer. Tell Dateline your name so every release records who wrote, edited and approved it.
        </p>
        <label className="field">
          <span>Your name</span>
          <input dir="auto" autoFocus value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoComplete="name" />
        </label>
        <fieldset className="role-choice">
          <legend>Your role</legend>
          <label>
            <input type="radio" name="role" checked={role === 'writer'} onChange={() => setRole('writer')} /> Writer: I draft releases
          </label>
          <label>
            <input type="radio" name="role" checked={role === 'reviewer'} onChange={() => setRole('reviewer')} /> Reviewer: I approve
            releases, and write too
          </label>
        </fieldset>
        {shown && (
          <p className="field-error" role="alert">
            {shown}
          </p>
        )}
        <div className="row end">
          <button type="submit" className="primary" disabled={signIn.pending || name.trim() === '' || issue !== null}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
