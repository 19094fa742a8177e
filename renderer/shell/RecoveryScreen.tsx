import { useState } from 'react';
import type { RecoveryChoice } from '@shared/api/store-care';
import { useAction, useQuery } from '../data';
import { formatSize, formatWhen } from '../format';
import { QueryFailure } from '../QueryFailure';

/**
 * Shown instead of the app when the database failed its check at start.
 * Whatever the person chooses, the damaged file is kept aside, untouched.
 */
export function RecoveryScreen({ file, problem }: { file: string; problem: string }) {
  const backups = useQuery('listBackups', {});
  const recover = useAction('recoverStore', { showFailure: false });
  const [outcome, setOutcome] = useState<{ ok: true; report: string; setAsideAs: string } | { ok: false; message: string } | null>(null);

  async function choose(choice: RecoveryChoice) {
    const result = await recover.run(choice);
    setOutcome(result.ok ? { ok: true, ...result.value } : { ok: false, message: result.error.message });
  }

  if (outcome?.ok) {
    return (
      <main className="welcome">
        <div className="welcome-card recovery">
          <h1>Dateline can carry on</h1>
          <p role="status">{outcome.report}</p>
          <p>
            The damaged file is kept as <code>{outcome.setAsideAs}</code>, in case anything in it is needed later.
          </p>
          <div className="row end">
            <button type="button" className="primary" onClick={() => window.location.reload()}>
              Open Dateline
            </button>
          </div>
        </div>
      </main>
    );
  }

  const newest = backups.data?.backups[0];
  return (
    <main className="welcome">
      <div className="welcome-card recovery">
        <h1>Dateline’s database is damaged</h1>
        <p>
          The file <code>{file}</code> failed Dateline’s check when it started. This happens after a disk fault or a copy that was cut
          short. Dateline has not written to it. Choose how to carry on; the damaged file is kept aside either way.
        </p>
        <p className="muted small">The check reported: {problem}</p>
        {outcome && !outcome.ok && (
          <p className="warning" role="alert">
            That did not work: {outcome.message}
          </p>
        )}
        {backups.error && <QueryFailure what="the backups" error={backups.error} onRetry={backups.reload} />}
        <div className="recovery-choices">
          <div className="recovery-choice">
            <h2>Go back to a backup</h2>
            {newest ? (
              <>
                <p className="muted">
                  The newest was taken {formatWhen(newest.takenAt)} ({formatSize(newest.bytes)}). Work after it is not in it.
                </p>
                <button
                  type="button"
                  className="primary"
                  disabled={recover.pending}
                  onClick={() => void choose({ choice: 'backup', name: newest.name })}
                >
                  Restore this backup
                </button>
              </>
            ) : (
              <p className="muted">{backups.data ? 'There is no backup to go back to.' : 'Looking for backups…'}</p>
            )}
          </div>
          <div className="recovery-choice">
            <h2>Recover what can be read</h2>
            <p className="muted">Copies every release, photo, comment and history entry that still reads into a new database.</p>
            <button type="button" disabled={recover.pending} onClick={() => void choose({ choice: 'salvage' })}>
              Recover what can be read
            </button>
          </div>
          <div className="recovery-choice">
            <h2>Start with an empty database</h2>
            <p className="muted">Nothing from the damaged file is brought over.</p>
            <button type="button" disabled={recover.pending} onClick={() => void choose({ choice: 'fresh' })}>
              Start empty
            </button>
          </div>
        </div>
      </div>
    </main>
  );
}
