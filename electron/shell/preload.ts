import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, menuCommands, type DesktopBridge, type MenuCommand } from '@shared/api/bridge';

// Electron runs this before <html> exists: it must import nothing that touches
// the DOM at load (ProseMirror does), and it stays a raw, frozen bridge. The
// renderer validates every call and result against the contract itself.
const bridge: DesktopBridge = Object.freeze({
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(ipcChannels.api, method, input),
  onMenuCommand(listener: (command: MenuCommand) => void) {
    ipcRenderer.on(ipcChannels.menuCommand, (_event, command: unknown) => {
      if ((menuCommands as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    });
  },
  onFlushRequest(listener: (asking: () => void) => Promise<boolean>) {
    ipcRenderer.on(ipcChannels.flushRequest, () => {
      const asking = () => ipcRenderer.send(ipcChannels.flushAsking);
      // A renderer that fails here cannot save anyway; holding the window open would only trap the person.
      void listener(asking).then(
        (mayClose) => ipcRenderer.send(ipcChannels.flushed, mayClose !== false),
        () => ipcRenderer.send(ipcChannels.flushed, true),
      );
    });
  },
});

contextBridge.exposeInMainWorld('dateline', bridge);
