import type { z } from 'zod';

/** One API method: the schema its input must pass, and the schema of its value on success. */
export interface MethodSpec<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  input: Input;
  output: Output;
}

export const method = <Input extends z.ZodType, Output extends z.ZodType>(input: Input, output: Output): MethodSpec<Input, Output> => ({
  input,
  output,
});
