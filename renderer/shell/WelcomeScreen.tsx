import { useState, type FormEvent } from 'react';
import type { Person } from '../../shared/api/session';
import { api } from '../api';

/** First run (and "Switch person"): who is writing, so every release records its author. */
export function WelcomeScreen({ current, onSignedIn, onCancel }: { current: Person | null; onSignedIn: (person: Person) => void; onCancel?: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await api.signIn({ name });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else setError(result.error.message);
  }

  return (
    <div className="welcome">
      <form className="welcome-card" onSubmit={submit} aria-labelledby="welcome-title">
        <div className="brand-mark" aria-hidden="true">
          D
        </div>
        <h1 id="welcome-title">{current ? 'Switch person' : 'Welcome to Dateline'}</h1>
        <p className="muted">
          {current
            ? `Signed in as ${current.name}. Who is writing now?`
            : 'Your releases stay on this computer. Tell Dateline your name so every release records who wrote and edited it.'}
        </p>
        <label className="field">
          <span>Your name</span>
          <input dir="auto" autoFocus value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoComplete="name" />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="row end">
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
