import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/temp-store';
import { loadWindowState, saveWindowState } from './window-state';

const tempDir = useTempDir();
const laptop = [{ x: 0, y: 0, width: 1440, height: 877 }];
const withMonitor = [...laptop, { x: 1440, y: 0, width: 2560, height: 1417 }];

describe('window state', () => {
  it('reopens the window where it was, maximised or not', () => {
    const file = join(tempDir(), 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(file, laptop)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
  });

  it('forgets a place on a monitor that is no longer plugged in', () => {
    const file = join(tempDir(), 'window-state.json');
    saveWindowState(file, { x: 2000, y: 100, width: 1400, height: 900, maximized: false });
    expect(loadWindowState(file, withMonitor)).not.toBeNull();
    expect(loadWindowState(file, laptop)).toBeNull();
  });

  it('ignores a missing or damaged file', () => {
    const dir = tempDir();
    expect(loadWindowState(join(dir, 'none.json'), laptop)).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '{"x": "left"');
    expect(loadWindowState(join(dir, 'bad.json'), laptop)).toBeNull();
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify({ x: 0, y: 0, width: 3, height: 3, maximized: false }));
    expect(loadWindowState(join(dir, 'tiny.json'), laptop)).toBeNull();
  });

  it('never throws when the folder cannot be written', () => {
    const file = join(tempDir(), 'missing-folder', 'window-state.json');
    expect(() => saveWindowState(file, { x: 0, y: 0, width: 800, height: 600, maximized: false })).not.toThrow();
    expect(() => readFileSync(file)).toThrow();
  });
});
