import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../testing/temp-store';
import { createLog } from './log';

const tempDir = useTempDir();
const timestamped = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO|WARN|ERROR) /;

function captureStderr() {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
    lines.push(String(text));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('log', () => {
  it('writes to stderr until it is attached to a folder', () => {
    const stderr = captureStderr();
    const log = createLog();
    log.info('Dateline starting', { version: '0.1.0' });
    expect(log.file()).toBeNull();
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(timestamped);
    expect(stderr[0]).toMatch(/ INFO Dateline starting: \{ version: '0\.1\.0' \}\n$/);
  });

  it('writes timestamped lines to dateline.log, an error with its stack, making the folder at the first line', () => {
    const stderr = captureStderr();
    const dir = join(tempDir(), 'logs');
    const log = createLog();
    log.attach(dir);
    expect(existsSync(dir)).toBe(false);
    expect(log.file()).toBe(join(dir, 'dateline.log'));
    log.warn('Export folder missing');
    log.error('Unexpected error', Object.assign(new Error('disk gone', { cause: new Error('EIO') }), { code: 'EIO' }));
    const text = readFileSync(join(dir, 'dateline.log'), 'utf8');
    const entries = text.split('\n').filter((line) => line && !line.startsWith('    '));
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry).toMatch(timestamped);
    expect(entries[1]).toMatch(/ ERROR Unexpected error: Error: disk gone$/);
    // The stack, the cause and the code, indented under the entry they belong to.
    expect(text).toMatch(/\n {4}\s*at .*log\.test\.ts/);
    expect(text).toContain('[cause]: Error: EIO');
    expect(text).toContain("code: 'EIO'");
    expect(stderr).toEqual([]);
  });

  it('rotates at the size limit, keeping the newest lines and the last three old files', () => {
    const dir = tempDir();
    const log = createLog({ maxBytes: 1000 });
    log.attach(dir);
    // 100 bytes a line with its timestamp: ten lines fill a file.
    const written = Array.from({ length: 205 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(60)}`);
    for (const line of written) log.info(line);
    expect(readdirSync(dir).sort()).toEqual(['dateline.1.log', 'dateline.2.log', 'dateline.3.log', 'dateline.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000);
    // Oldest file first, the lines are an unbroken run ending with the last one written.
    const kept = ['dateline.3.log', 'dateline.2.log', 'dateline.1.log', 'dateline.log']
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'))
      .map((line) => line.replace(timestamped, ''));
    expect(kept).toEqual(written.slice(-kept.length));
    expect(kept).toHaveLength(35);
  });

  it('rotates at about 1 MiB by default', () => {
    const dir = tempDir();
    const log = createLog();
    log.attach(dir);
    const line = 'y'.repeat(1000);
    for (let i = 0; i < 1100; i++) log.info(line);
    const rotated = statSync(join(dir, 'dateline.1.log')).size;
    expect(rotated).toBeLessThanOrEqual(1024 * 1024);
    expect(rotated).toBeGreaterThan(1024 * 1024 - 1100);
    expect(existsSync(join(dir, 'dateline.2.log'))).toBe(false);
  });

  it('never throws: a log file that cannot be written falls back to stderr, and recovers', () => {
    const stderr = captureStderr();
    const parent = tempDir();
    writeFileSync(join(parent, 'logs'), 'a file where the folder should be');
    const log = createLog();
    log.attach(join(parent, 'logs'));
    expect(() => log.error('First failure', new Error('boom'))).not.toThrow();
    expect(() => log.error('Second failure')).not.toThrow();
    expect(log.file()).toBeNull();
    // One warning saying why, then every line, in full.
    expect(stderr).toHaveLength(3);
    expect(stderr[0]).toMatch(/ WARN Dateline cannot write its log file .*dateline\.log, so it logs here instead: /);
    expect(stderr[1]).toMatch(/ ERROR First failure: Error: boom\n {4}/);
    expect(stderr[2]).toMatch(/ ERROR Second failure\n$/);

    rmSync(join(parent, 'logs'));
    log.info('Back');
    expect(log.file()).toBe(join(parent, 'logs', 'dateline.log'));
    expect(readFileSync(join(parent, 'logs', 'dateline.log'), 'utf8')).toMatch(/ INFO Back\n$/);
  });

  it('never throws: not for a detail that cannot be shown, nor when stderr itself fails', () => {
    const unshowable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
        ownKeys: () => {
          throw new Error('no');
        },
        getPrototypeOf: () => {
          throw new Error('no');
        },
      },
    );
    const stderr = captureStderr();
    const log = createLog();
    log.error('Odd value', unshowable);
    expect(stderr[0]).toMatch(/ ERROR Odd value: /);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    expect(() => log.error('Nobody listening')).not.toThrow();
  });
});
