import { z } from 'zod';
import { method } from './define';

export const personSchema = z.object({ id: z.number().int().positive(), name: z.string() });
export type Person = z.infer<typeof personSchema>;

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed, so releases can say who wrote them')
  .max(80, 'names are at most 80 characters');

/** Who is using Dateline on this machine; every release records its author and last editor. */
export const sessionMethods = {
  getSession: method(z.object({}).strict(), z.object({ person: personSchema.nullable() })),
  signIn: method(z.object({ name: personNameSchema }).strict(), personSchema),
};
