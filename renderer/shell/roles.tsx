import { roles, type Role } from '@shared/review/workflow';

export const roleLabels: Record<Role, string> = { writer: 'Writer', reviewer: 'Reviewer' };

/** The options of every role select, from the workflow's own list of roles. */
export const roleOptions = roles.map((role) => (
  <option key={role} value={role}>
    {roleLabels[role]}
  </option>
));
