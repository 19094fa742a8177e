import type { z } from 'zod';

/**
 * The largest thing a method's input carries, which sizes the request a
 * transport must accept for it (request-limits.ts); a method that says
 * nothing carries only short text.
 */
export type Payload = 'photo' | 'release';

/** One API method: the schema its input must pass, and the schema of its value on success. */
export interface MethodSpec<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  input: Input;
  output: Output;
  carries?: Payload;
}

export const method = <Input extends z.ZodType, Output extends z.ZodType>(
  input: Input,
  output: Output,
  options: { carries?: Payload } = {},
): MethodSpec<Input, Output> => ({ input, output, ...options });
