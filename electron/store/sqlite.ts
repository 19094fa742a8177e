import Database from 'better-sqlite3';

let nativeBinding: string | undefined;

/**
 * Electron's main process, run from a checkout, loads a better-sqlite3 built
 * for Electron's ABI from elsewhere (native-binding.ts); said once at start,
 * every connection the process opens (the store, its check, backups, restore,
 * salvage) then uses it. Plain Node and the packaged app need nothing.
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** A connection through the binding this process runs with. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}
