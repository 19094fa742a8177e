import { contract, isMethodName } from '@shared/api/contract';
import { describeIssues, fail, ok, type Result } from '@shared/api/result';
import { toApiError } from '../store/errors';
import type { Handlers } from './handlers';

/**
 * The one entry point for every call from a renderer, whatever carried it:
 * the method name and input are untrusted until checked against the contract.
 */
export async function dispatch(handlers: Handlers, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail({ kind: 'invalid-input', message: `Dateline has no method called ${JSON.stringify(method)}.` });
  const parsed = contract[method].input.safeParse(input);
  if (!parsed.success) return fail({ kind: 'invalid-input', ...describeIssues(parsed.error) });
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    return fail(toApiError(error));
  }
}
