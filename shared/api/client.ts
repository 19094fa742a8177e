import { contract, methodNames, type ApiClient, type MethodName } from './contract';
import { resultSchema, type Result } from './result';

/** Carries one call to wherever the handlers run, and returns the raw result it got back. */
export type Transport = (method: MethodName, input: unknown) => Promise<unknown>;

/**
 * A typed client for every contract method over any transport. The result is
 * validated too: the renderer trusts nothing it did not check.
 */
export function createClient(transport: Transport): ApiClient {
  const call = async (name: MethodName, input: unknown): Promise<Result<unknown>> => {
    let raw: unknown;
    try {
      raw = await transport(name, input);
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'unavailable', message: `Dateline's store could not be reached (${(error as Error).message}).`, passing: true },
      };
    }
    const parsed = resultSchema(contract[name].output).safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { kind: 'internal', message: `The answer to ${name} was not in the expected form.` } };
    }
    return parsed.data as Result<unknown>;
  };
  return Object.fromEntries(methodNames.map((name) => [name, (input: unknown) => call(name, input)])) as ApiClient;
}
