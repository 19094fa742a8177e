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
  'team-state': 'State set on the team server',
  'team-refused': 'Refused by the team server',
  'kept-as-copy': 'Kept offline edits as a new draft',
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

const historyCountsSchema = z.object({ audit: z.number().int(), approvals: z.number().int(), revisions: z.number().int() });

/** One place where the chained history is not as Dateline wrote it, in words for the person reading it. */
export const historyBreakSchema = z.object({
  table: z.enum(['audit', 'approvals', 'revisions', 'history_amendments']),
  rowId: z.number().int().nullable(),
  problem: z.enum(['changed', 'deleted', 'out-of-order', 'added']),
  message: z.string(),
});
export type HistoryBreak = z.infer<typeof historyBreakSchema>;

/** The check of the chained history made when the database was opened. */
export const historyCheckSchema = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), counts: historyCountsSchema }),
  z.object({ intact: z.literal(false), counts: historyCountsSchema, breaks: z.array(historyBreakSchema).min(1) }),
]);
export type HistoryCheck = z.infer<typeof historyCheckSchema>;

export const activityMethods = {
  listActivity: method(activityFilterSchema, z.array(activityEntrySchema)),
  historyCheck: method(z.object({}).strict(), historyCheckSchema),
};
