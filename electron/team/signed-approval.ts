import type { ReleaseContent } from '@shared/release/content';
import { verifySignedApproval } from '../server/approval-signature';
import { hashContent } from '../store/content-hash';
import type { ReleaseUpdateLog } from '../store/release-updates';
import type { TeamRecords } from '../store/team-records';

/**
 * Why a collaborative release may not be exported as final now, or null when
 * it may: it needs the approval the team server signed, kept here, whose
 * Ed25519 signature verifies with the key pinned at sign-in and whose hash is
 * that of the content being exported. The local database alone cannot make
 * this pass: an approvals row or a status written into it by hand carries no
 * signature. A solo release is the local workflow's to decide.
 */
export function signedApprovalRefusal(
  updates: ReleaseUpdateLog,
  records: TeamRecords,
  pinnedServerKey: string | null,
  releaseId: string,
  content: ReleaseContent,
): string | null {
  if (!updates.isCollaborative(releaseId)) return null;
  const approval = records.approval(releaseId);
  if (!approval) return 'Dateline holds no approval signed by the team server for this release.';
  if (!pinnedServerKey) return 'Dateline has no key of the team server to check its approval with. Sign in to the team server again.';
  if (approval.releaseId !== releaseId || !verifySignedApproval(approval, pinnedServerKey))
    return 'The approval kept for this release does not carry the team server’s signature.';
  if (approval.contentSha256 !== hashContent(content)) return 'The team server approved other words than these.';
  return null;
}
