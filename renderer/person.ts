import { createContext, useContext } from 'react';
import { personNameSchema, type Person } from '@shared/api/session';

/** Who is at the keyboard; every view that decides what a person may do reads it here. */
export const PersonContext = createContext<Person | null>(null);

export function usePerson(): Person {
  const person = useContext(PersonContext);
  if (!person) throw new Error('usePerson outside a signed-in workspace');
  return person;
}

/** What is wrong with a name being typed, by the contract's own rule, so it is said before the form is sent; null while empty. */
export const nameIssue = (name: string): string | null =>
  name.trim() === '' ? null : (personNameSchema.safeParse(name).error?.issues[0]?.message ?? null);
