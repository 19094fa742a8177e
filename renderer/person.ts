import { createContext, useContext } from 'react';
import type { Person } from '@shared/api/session';

/** Who is at the keyboard; every view that decides what a person may do reads it here. */
export const PersonContext = createContext<Person | null>(null);

export function usePerson(): Person {
  const person = useContext(PersonContext);
  if (!person) throw new Error('usePerson outside a signed-in workspace');
  return person;
}
