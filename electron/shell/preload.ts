import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, menuCommands, type DesktopBridge, type MenuCommand } from '@shared/api/bridge';
import { createClient } from '@shared/api/client';

// The client is built from the contract, so no method is listed here by hand.
const bridge: DesktopBridge = {
  api: createClient((method, input) => ipcRenderer.invoke(ipcChannels.api, method, input)),
  onMenuCommand(listener) {
    ipcRenderer.on(ipcChannels.menuCommand, (_event, command: unknown) => {
      if ((menuCommands as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    });
  },
  files: {
    saveAs: (suggestedName, bytes) => ipcRenderer.invoke(ipcChannels.saveAs, suggestedName, bytes),
    chooseFolder: () => ipcRenderer.invoke(ipcChannels.chooseFolder),
    writeInto: (folder, fileName, bytes) => ipcRenderer.invoke(ipcChannels.writeInto, folder, fileName, bytes),
  },
  onFlushRequest(listener) {
    ipcRenderer.on(ipcChannels.flushRequest, () => {
      void listener().finally(() => ipcRenderer.send(ipcChannels.flushed));
    });
  },
};

contextBridge.exposeInMainWorld('dateline', bridge);
