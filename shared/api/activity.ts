import { z } from 'zod';
import { method } from './define';
import { personIdSchema } from './session';

/** Every action the audit trail records, in the words the Activity view uses. */
export const activityLabels = {
  create: 'Created',
  'edit-session': 'Edited',
  submit: 'Submitted for review',
  approve: 'Approved',
  'request-changes': 'Requested changes',
  recall: 'Recalled to draft',
  withdraw: 'Withdrew',
  reopen: 'Reopened',
  restore: 'Restored a version',
  'approval-lapsed': 'Approval lapsed (text changed)',
  'approval-current-again': 'Approval current again (text back to what was approved)',
  comment: 'Commented',
  'comment-edit': 'Edited a comment',
  'comment-delete': 'Deleted a comment',
  'comment-resolve': 'Resolved a comment',
  'comment-reopen': 'Reopened a comment',
  export: 'Exported',
  copy: 'Copied to the clipboard',
  print: 'Printed',
  trash: 'Moved to trash',
  'restore-from-trash': 'Restored from trash',
} as const;
export type ActivityAction = keyof typeof activityLabels;
const activityActions = Object.keys(activityLabels) as [ActivityAction, ...ActivityAction[]];

export const activityFilterSchema = z
  .object({
    releaseId: z.uuid().optional(),
    personId: personIdSchema.optional(),
    action: z.enum(activityActions).optional(),
    from: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
  })
  .strict();
export type ActivityFilter = z.infer<typeof activityFilterSchema>;

export const activityEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  releaseId: z.string().nullable(),
  releaseHeadline: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityMethods = {
  listActivity: method(activityFilterSchema, z.array(activityEntrySchema)),
};
