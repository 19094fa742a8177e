import { statusLabels, type ReleaseStatus } from '@shared/review/workflow';

export function StatusBadge({ status }: { status: ReleaseStatus }) {
  return <span className={`badge badge-${status}`}>{statusLabels[status]}</span>;
}
