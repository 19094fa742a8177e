import { homedir } from 'node:os';
import { join } from 'node:path';

export const databaseFileName = 'dateline.sqlite3';

/**
 * Where Electron's app.getPath('userData') points for an app named Dateline,
 * computed without Electron so browser mode and the desktop app share one store.
 */
export function defaultDataDirectory(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dateline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dateline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Dateline');
}
