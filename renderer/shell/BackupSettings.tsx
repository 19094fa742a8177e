import { useState } from 'react';
import type { Backup } from '@shared/api/store-care';
import { useAction, useQuery } from '../data';
import { formatSize, formatWhen } from '../format';
import { Modal } from '../Modal';
import { QueryFailure } from '../QueryFailure';

/**
 * The verified copies Dateline keeps of its database, and a way back to any of
 * them. Restoring sets the current database aside (never deletes it), so a
 * restore can itself be undone by hand.
 */
export function BackupSettings() {
  const backups = useQuery('listBackups', {});
  const backUpNow = useAction('backUpNow');
  const [restoring, setRestoring] = useState<Backup | null>(null);

  async function takeOne() {
    if ((await backUpNow.run({})).ok) backups.reload();
  }

  return (
    <section className="list-view" aria-labelledby="backups-title">
      <header className="view-header">
        <h1 id="backups-title">Backups</h1>
        <button type="button" onClick={() => void takeOne()} disabled={backUpNow.pending}>
          {backUpNow.pending ? 'Backing up…' : 'Back up now'}
        </button>
      </header>
      <p className="muted">
        Dateline copies its database when it starts (at most once an hour) and every four hours while it runs. Each copy is checked before
        it counts. It keeps the newest ten and one a day for thirty days
        {backups.data && (
          <>
            , in <code>{backups.data.folder}</code>
          </>
        )}
        .
      </p>
      {backups.error && <QueryFailure what="the backups" error={backups.error} onRetry={backups.reload} />}
      {backups.data?.lastFailure && (
        <p className="warning" role="alert">
          The last automatic backup failed: {backups.data.lastFailure}
        </p>
      )}
      {backups.data && backups.data.backups.length === 0 && <p className="empty">No backups yet.</p>}
      {backups.data && backups.data.backups.length > 0 && (
        <table className="release-table narrow">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.data.backups.map((backup) => (
              <tr key={backup.name}>
                <th scope="row">{formatWhen(backup.takenAt)}</th>
                <td>{formatSize(backup.bytes)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setRestoring(backup)}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </section>
  );
}

function RestoreDialog({ backup, onClose }: { backup: Backup; onClose: () => void }) {
  const restore = useAction('restoreBackup', { showFailure: false });
  const [outcome, setOutcome] = useState<{ ok: true; setAsideAs: string | null } | { ok: false; message: string } | null>(null);
  const taken = formatWhen(backup.takenAt);

  async function confirm() {
    const result = await restore.run({ name: backup.name });
    setOutcome(result.ok ? { ok: true, setAsideAs: result.value.setAsideAs } : { ok: false, message: result.error.message });
  }

  if (outcome?.ok) {
    // Everything on screen came from the database that was just replaced.
    const startAgain = () => {
      window.location.hash = '#/releases';
      window.location.reload();
    };
    return (
      <Modal title="Backup restored" onClose={startAgain}>
        <p>Dateline now holds what it held on {taken}.</p>
        {outcome.setAsideAs && (
          <p>
            The database as it was before is kept, untouched, as <code>{outcome.setAsideAs}</code>.
          </p>
        )}
        <div className="row end">
          <button type="button" className="primary" onClick={startAgain}>
            Continue
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title={`Restore the backup of ${taken}?`} onClose={onClose}>
      <p>
        Every release, comment and approval goes back to how it was on {taken}. Anything written since is not in that backup; the database
        as it is now is set aside beside it, not deleted.
      </p>
      {outcome && !outcome.ok && (
        <p className="warning" role="alert">
          Nothing was restored. {outcome.message}
        </p>
      )}
      <div className="row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void confirm()} disabled={restore.pending}>
          {restore.pending ? 'Restoring…' : 'Restore this backup'}
        </button>
      </div>
    </Modal>
  );
}
