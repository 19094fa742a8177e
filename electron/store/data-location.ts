import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const databaseFileName = 'dateline.sqlite3';

/** Where the log files go: beside the database, so one folder holds everything to send for help. */
export const logDirectory = (dataDirectory: string) => join(dataDirectory, 'logs');

/**
 * Where Electron's app.getPath('userData') points for an app named Dateline,
 * computed without Electron so browser mode and the desktop app share one store.
 */
export function defaultDataDirectory(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dateline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dateline');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Dateline');
}

/**
 * The data folder as an absolute path that exists and can be written: the one
 * named (DATELINE_DATA_DIR, --data-dir), taken from cwd when relative, else the
 * default. The desktop app, browser mode and the command line all resolve it
 * here so that they agree, and because Electron's app.setPath throws for a
 * relative or missing folder. An empty value counts as none, as a shell's
 * `DATELINE_DATA_DIR=` means.
 */
export function resolveDataDirectory(value: string | undefined, cwd: string = process.cwd()): string {
  const directory = resolve(cwd, value || defaultDataDirectory());
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new Error(`The data folder ${directory} cannot be used: ${whyNot(error, directory)}`, { cause: error });
  }
  return directory;
}

function whyNot(error: unknown, directory: string): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EEXIST':
    case 'ENOTDIR': {
      let blocker = directory;
      while (!existsSync(blocker) && dirname(blocker) !== blocker) blocker = dirname(blocker);
      return `${blocker} is a file, not a folder.`;
    }
    case 'EACCES':
    case 'EPERM':
      return 'you do not have permission to create or change it.';
    case 'EROFS':
      return 'the disk is read-only.';
    case 'ENOSPC':
      return 'the disk is full.';
    default:
      return (error as Error).message;
  }
}
