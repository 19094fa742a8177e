import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

export type Level = 'info' | 'warn' | 'error';

export interface Log {
  /** Sends lines to dir/dateline.log from now on; the folder is made at the first line. */
  attach(dir: string): void;
  /** The file lines go to, or null while they go to stderr (not attached, or the file cannot be written). */
  file(): string | null;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const logFileName = 'dateline.log';

/**
 * A log that never throws: logging runs inside error handlers, where a second
 * failure would hide the first. Writes are synchronous so that the line is on
 * disk before a crash that follows it. Several processes (the app, browser mode,
 * the command line) may append to one file; a rotation they race on can lose at
 * most the oldest file.
 */
export function createLog({ maxBytes = 1024 * 1024, keep = 3 } = {}): Log {
  let dir: string | null = null;
  let failing = false;

  const path = (n: number) => join(dir!, n === 0 ? logFileName : logFileName.replace(/\.log$/, `.${n}.log`));

  function rotateIfFull(incoming: number): void {
    const size = statSync(path(0), { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0 || size + incoming <= maxBytes) return;
    rmSync(path(keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) if (statSync(path(n), { throwIfNoEntry: false })) renameSync(path(n), path(n + 1));
  }

  function write(level: Level, message: string, detail: unknown): void {
    const line = format(level, message, detail);
    if (dir) {
      try {
        mkdirSync(dir, { recursive: true });
        rotateIfFull(Buffer.byteLength(line));
        appendFileSync(path(0), line);
        failing = false;
        return;
      } catch (error) {
        if (!failing)
          process.stderr.write(
            format('warn', `Dateline cannot write its log file ${path(0)}, so it logs here instead`, (error as Error).message),
          );
        failing = true;
      }
    }
    process.stderr.write(line);
  }

  return {
    attach(to) {
      dir = to;
      failing = false;
    },
    file: () => (dir && !failing ? path(0) : null),
    info: (message, detail) => safely(() => write('info', message, detail)),
    warn: (message, detail) => safely(() => write('warn', message, detail)),
    error: (message, detail) => safely(() => write('error', message, detail)),
  };
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // stderr itself failed: there is nowhere left to say it, and a crash here would hide the error being logged.
  }
}

function format(level: Level, message: string, detail: unknown): string {
  let line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}`;
  if (detail !== undefined) line += `: ${describe(detail)}`;
  // One entry per timestamp: a stack's lines are indented under it.
  return `${line.replace(/\n/g, '\n    ')}\n`;
}

/** An error with its stack (and cause, and code); anything else as one line. */
function describe(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  try {
    return inspect(detail, { depth: 4, breakLength: Infinity, maxStringLength: 10_000 });
  } catch {
    return '(a detail that could not be shown)';
  }
}

/** The process's one log: stderr until the entry point attaches it to a folder. */
export const log: Log = createLog();
