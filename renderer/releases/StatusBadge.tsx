import type { ReleaseStatus } from '../../shared/api/releases';

const labels: Record<ReleaseStatus, string> = { draft: 'Draft' };

export function StatusBadge({ status }: { status: ReleaseStatus }) {
  return <span className={`badge badge-${status}`}>{labels[status]}</span>;
}
