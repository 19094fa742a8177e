import type { z } from 'zod';
import { activityMethods } from './activity';
import { collaborationMethods } from './collaboration';
import { commentMethods } from './comments';
import { desktopMethods } from './desktop';
import { exportMethods } from './exports';
import { photoMethods } from './photos';
import { releaseMethods } from './releases';
import type { Result } from './result';
import { revisionMethods } from './revisions';
import { sessionMethods } from './session';
import { storeCareMethods } from './store-care';
import { teamConnectionMethods } from './team-connection';

/** Every method the renderer can call, whatever carries the call (Electron IPC or HTTP in browser mode). */
export const contract = {
  ...sessionMethods,
  ...releaseMethods,
  ...photoMethods,
  ...commentMethods,
  ...revisionMethods,
  ...activityMethods,
  ...exportMethods,
  ...desktopMethods,
  ...storeCareMethods,
  ...teamConnectionMethods,
  ...collaborationMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

/** What a caller passes (before defaults and trimming). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives, after validation. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export type ApiClient = { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> };
