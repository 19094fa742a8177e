import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/api/bridge';

export interface MenuActions {
  send(command: MenuCommand): void;
  showAbout(): void;
  openLog(): void;
  openDataFolder(): void;
}

/**
 * The native menu. Shortcuts the renderer also handles itself are shown but not
 * registered (registerAccelerator: false), so one key press never acts twice.
 *
 * Undo and Redo: on macOS they must be Electron's roles, or Cmd+Z does nothing
 * in a plain text field (macOS routes editing keys through the menu). Elsewhere
 * they are commands the renderer routes to whichever field has focus: a role's
 * native Redo is disabled in the body editor, whose history is ProseMirror's,
 * not Chromium's, so a click on Edit → Redo would do nothing there.
 */
export function buildMenu(actions: MenuActions, { isMac, isDevelopment }: { isMac: boolean; isDevelopment: boolean }): Menu {
  const command = (label: string, accelerator: string, name: MenuCommand, registerAccelerator = false): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator,
    click: () => actions.send(name),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('New Release', 'CmdOrCtrl+N', 'new-release'),
        separator,
        command('Export…', 'CmdOrCtrl+E', 'export', true),
        command('Print…', 'CmdOrCtrl+P', 'print', true),
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        ...(isMac
          ? [{ role: 'undo' as const }, { role: 'redo' as const }]
          : [command('Undo', 'CmdOrCtrl+Z', 'undo'), command('Redo', 'CmdOrCtrl+Shift+Z', 'redo')]),
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'selectAll' },
        separator,
        command('Search Releases', 'CmdOrCtrl+F', 'find'),
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(isDevelopment ? [separator, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        // macOS has About in the app menu.
        ...(isMac ? [] : [{ label: 'About Dateline', click: actions.showAbout }, separator]),
        { label: 'Open Log File', click: actions.openLog },
        { label: 'Show Data Folder', click: actions.openDataFolder },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
