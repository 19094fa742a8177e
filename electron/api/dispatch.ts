import { contract } from '@shared/api/contract';
import type { MethodSpec } from '@shared/api/define';
import { describeIssues, fail, ok, type Result } from '@shared/api/result';
import { toApiError } from '../store/errors';
import type { Handlers } from './handlers';

/**
 * Checks an untrusted call against a contract and runs its handler: the method
 * must be one of the contract's own names, the input must pass its schema, and
 * whatever the handler throws comes back as a typed failure. `context` is what
 * the transport knows of the caller (the team server's session), never the input.
 */
export async function dispatchTo<Context>(
  methods: Record<string, MethodSpec>,
  handlers: Record<string, (input: never, context: Context) => unknown>,
  method: unknown,
  input: unknown,
  context: Context,
): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !Object.hasOwn(methods, method))
    return fail({ kind: 'invalid-input', message: `Dateline has no method called ${JSON.stringify(method)}.` });
  const parsed = methods[method]!.input.safeParse(input);
  if (!parsed.success) return fail({ kind: 'invalid-input', ...describeIssues(parsed.error) });
  try {
    const handler = handlers[method] as (input: unknown, context: Context) => unknown;
    return ok(await handler(parsed.data, context));
  } catch (error) {
    return fail(toApiError(error));
  }
}

/** The one entry point for every call from a renderer, whatever carried it (IPC or browser mode's HTTP). */
export const dispatch = (handlers: Handlers, method: unknown, input: unknown): Promise<Result<unknown>> =>
  dispatchTo(contract, handlers, method, input, undefined);
