import { z } from 'zod';
import { nameProblem } from '../people/names';
import { roleSchema } from '../review/workflow';
import { method } from './define';

export const personIdSchema = z.number().int().positive();
export const personSchema = z.object({ id: personIdSchema, name: z.string(), role: roleSchema });
export type Person = z.infer<typeof personSchema>;

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed, so releases can say who wrote them')
  .max(80, 'names are at most 80 characters')
  .superRefine((name, context) => {
    const problem = nameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * The people who use this installation, each a writer or a reviewer, and which
 * of them is at the keyboard; every action records who took it.
 */
export const sessionMethods = {
  getSession: method(z.object({}).strict(), z.object({ person: personSchema.nullable() })),
  /** First run: finds or adds the person by name and makes them current. */
  signIn: method(z.object({ name: personNameSchema, role: roleSchema.optional() }).strict(), personSchema),
  listPeople: method(z.object({}).strict(), z.array(personSchema)),
  addPerson: method(z.object({ name: personNameSchema, role: roleSchema }).strict(), personSchema),
  setPersonRole: method(z.object({ personId: personIdSchema, role: roleSchema }).strict(), personSchema),
  switchPerson: method(z.object({ personId: personIdSchema }).strict(), personSchema),
};
