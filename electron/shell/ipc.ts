import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '@shared/api/bridge';
import { fail } from '@shared/api/result';
import type { Handlers } from '../api/handlers';
import { dispatch } from '../api/dispatch';
import { isAppUrl } from './protocol';

/** Only the app's own page, in its main frame, may call the store or write files. */
export function isFromApp(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Binds every contract method at once: one channel, validated by the same dispatcher browser mode uses. */
export function bindApi(handlers: Handlers): void {
  ipcMain.handle(ipcChannels.api, (event, method: unknown, input: unknown) =>
    isFromApp(event)
      ? dispatch(handlers, method, input)
      : fail({ kind: 'refused', message: 'Only Dateline’s own window may use its store.' }),
  );
}
