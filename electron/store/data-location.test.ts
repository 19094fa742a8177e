import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../testing/temp-store';
import { defaultDataDirectory, resolveDataDirectory } from './data-location';

const tempDir = useTempDir();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveDataDirectory', () => {
  it('takes a relative folder from the working directory, and creates it', () => {
    const cwd = tempDir();
    const directory = resolveDataDirectory('scratch/data', cwd);
    expect(directory).toBe(join(cwd, 'scratch', 'data'));
    expect(isAbsolute(directory)).toBe(true);
    expect(statSync(directory).isDirectory()).toBe(true);
  });

  it('uses an absolute folder as it is, and one that already exists', () => {
    const existing = join(tempDir(), 'data');
    mkdirSync(existing);
    expect(resolveDataDirectory(existing, '/somewhere/else')).toBe(existing);
    expect(resolveDataDirectory(`${existing}/../data/`, '/somewhere/else')).toBe(existing);
  });

  it("falls back to the desktop app's folder when none is named, or the name is empty", () => {
    const home = tempDir();
    // Point every platform's default into a scratch folder, never the real one.
    vi.stubEnv('HOME', home);
    vi.stubEnv('USERPROFILE', home);
    vi.stubEnv('XDG_CONFIG_HOME', join(home, '.config'));
    vi.stubEnv('APPDATA', join(home, 'AppData', 'Roaming'));
    expect(defaultDataDirectory().startsWith(home)).toBe(true);
    expect(resolveDataDirectory(undefined, '/somewhere/else')).toBe(defaultDataDirectory());
    expect(resolveDataDirectory('', '/somewhere/else')).toBe(defaultDataDirectory());
    expect(statSync(defaultDataDirectory()).isDirectory()).toBe(true);
  });

  it('names the file that is in the way', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'notes.txt'), '');
    expect(() => resolveDataDirectory('notes.txt', cwd)).toThrow(
      `The data folder ${join(cwd, 'notes.txt')} cannot be used: ${join(cwd, 'notes.txt')} is a file, not a folder.`,
    );
    expect(() => resolveDataDirectory('notes.txt/data', cwd)).toThrow(
      `The data folder ${join(cwd, 'notes.txt', 'data')} cannot be used: ${join(cwd, 'notes.txt')} is a file, not a folder.`,
    );
  });
});
