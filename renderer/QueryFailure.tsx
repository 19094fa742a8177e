import type { ApiError } from '@shared/api/result';

/** A read that failed, said plainly where its answer would have been, with a way to try again. */
export function QueryFailure({ what, error, onRetry }: { what: string; error: ApiError; onRetry: () => void }) {
  return (
    <div className="query-failure" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
