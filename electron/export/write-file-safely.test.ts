import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { refusalOf, useTempDir } from '../testing/temp-store';
import { writeFileSafely } from './write-file-safely';

const tempDir = useTempDir();

describe('writeFileSafely', () => {
  it('writes the whole file and leaves nothing beside it', () => {
    const dir = tempDir();
    writeFileSafely(join(dir, 'release.txt'), 'FOR IMMEDIATE RELEASE\n');
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe('FOR IMMEDIATE RELEASE\n');
    expect(readdirSync(dir)).toEqual(['release.txt']);
  });

  it('never replaces an existing file unless asked', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'release.txt'), 'theirs');
    expect(refusalOf(() => writeFileSafely(join(dir, 'release.txt'), 'mine')).message).toBe('release.txt already exists; it was not replaced.');
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe('theirs');
    writeFileSafely(join(dir, 'release.txt'), 'mine', { overwrite: true });
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['release.txt']);
  });

  it('leaves no file under the target name when the process is killed midway', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'writer.cjs');
    buildSync({ entryPoints: [join(import.meta.dirname, 'write-file-safely.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
    const size = 400 * 1024 * 1024;
    const script = `const { writeFileSafely } = require(${JSON.stringify(bundle)}); process.stdout.write('go\\n'); writeFileSafely(${JSON.stringify(join(dir, 'big.html'))}, Buffer.alloc(${size}, 120));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    // Kill it once the temporary file has started to grow: mid-write.
    const deadline = Date.now() + 10_000;
    const partial = () => readdirSync(dir).find((name) => name.endsWith('.partial'));
    while (Date.now() < deadline && !(partial() && statSync(join(dir, partial()!)).size > 0)) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const target = join(dir, 'big.html');
    // Either the kill came after the rename (the whole file) or before it (no file at all).
    if (existsSync(target)) expect(statSync(target).size).toBe(size);
    else expect(partial()).toBeDefined();
  }, 30_000);
});
