import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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
    expect(refusalOf(() => writeFileSafely(join(dir, 'release.txt'), 'mine')).message).toBe(
      'release.txt already exists; it was not replaced.',
    );
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe('theirs');
    writeFileSafely(join(dir, 'release.txt'), 'mine', { overwrite: true });
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['release.txt']);
  });

  it('leaves no file under the target name when the process is killed midway', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'writer.cjs');
    buildSync({
      entryPoints: [join(import.meta.dirname, 'write-file-safely.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const size = 400 * 1024 * 1024;
    const script = `const { writeFileSafely } = require(${JSON.stringify(bundle)}); process.stdout.write('go\\n'); writeFileSafely(${JSON.stringify(join(dir, 'big.html'))}, Buffer.alloc(${size}, 120));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    // Kill it once the temporary file has started to grow: mid-write.
    const deadline = Date.now() + 10_000;
    const partial = () => readdirSync(dir).find((name) => name.endsWith('.partial'));
    while (Date.now() < deadline && !(partial() && statSync(join(dir, partial()!)).size > 0))
      await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const target = join(dir, 'big.html');
    // Either the kill came after the rename (the whole file) or before it (no file at all).
    if (existsSync(target)) expect(statSync(target).size).toBe(size);
    else expect(partial()).toBeDefined();
  }, 30_000);
});

/**
 * The filesystems of USB sticks, which have no hard links. Each is mounted with
 * the kernel's driver where there is one, else with Debian's FUSE driver (this
 * kind of machine's kernel has neither vfat nor exfat built in).
 */
const filesystems = [
  {
    name: 'FAT32',
    mkfs: ['mkfs.vfat', '-F', '32'],
    kernelType: 'vfat',
    fuse: ['fusefat', '-o', 'rw+'],
    blockDevice: false,
    packages: 'dosfstools fusefat',
  },
  {
    name: 'exFAT',
    mkfs: ['mkfs.exfat'],
    kernelType: 'exfat',
    fuse: ['mount.exfat-fuse'],
    blockDevice: true,
    packages: 'exfatprogs exfat-fuse',
  },
];
type Filesystem = (typeof filesystems)[number];

// Every step is bounded, so a wedged driver fails the test instead of hanging it.
const run = ([command, ...args]: string[]) => spawnSync(command!, args, { encoding: 'utf8', timeout: 20_000 });
const succeeded = (result: ReturnType<typeof run>) => !result.error && result.status === 0;
const firstLine = (result: ReturnType<typeof run>) => (result.error?.message ?? `${result.stderr}${result.stdout}`).trim().split('\n')[0];

/** A fresh image of the filesystem, or why one cannot be made here. */
function makeImage(filesystem: Filesystem, workDir: string): string {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) throw new Error('mounting a disk image needs root on Linux');
  const image = join(workDir, 'stick.img');
  closeSync(openSync(image, 'w'));
  truncateSync(image, 40 * 1024 * 1024); // sparse; FAT32 needs about 33 MiB at least
  const made = run([...filesystem.mkfs, image]);
  if (!succeeded(made)) throw new Error(`${filesystem.mkfs[0]} failed (${firstLine(made)}); apt-get install ${filesystem.packages}`);
  return image;
}

/** Mounts the image on dir and returns how to unmount it. */
function mount(filesystem: Filesystem, image: string, dir: string): () => void {
  const isMounted = () => statSync(dir).dev !== statSync(join(dir, '..')).dev;
  const unmount =
    (after = () => {}) =>
    () => {
      if (!succeeded(run(['umount', dir]))) run(['umount', '-l', dir]);
      after();
    };
  if (succeeded(run(['mount', '-t', filesystem.kernelType, '-o', 'loop', image, dir])) && isMounted()) return unmount();
  let device: string | null = null;
  if (filesystem.blockDevice) {
    const attached = run(['losetup', '-f', '--show', image]);
    if (!succeeded(attached))
      throw new Error(
        `no ${filesystem.kernelType} driver in the kernel, and no loop device for ${filesystem.fuse[0]} (${firstLine(attached)})`,
      );
    device = attached.stdout.trim();
  }
  const detach = () => {
    if (device) run(['losetup', '-d', device]);
  };
  const mounted = run([...filesystem.fuse, device ?? image, dir]);
  if (succeeded(mounted) && isMounted()) return unmount(detach);
  detach();
  throw new Error(
    `no ${filesystem.kernelType} driver in the kernel, and ${filesystem.fuse[0]} could not mount (${firstLine(mounted)}); apt-get install ${filesystem.packages}`,
  );
}

describe('writeFileSafely on a USB stick', () => {
  it.for(filesystems)(
    '$name: writes, refuses to replace, replaces when asked, leaves no temporary file',
    { timeout: 120_000 },
    (filesystem, { skip }) => {
      const workDir = tempDir();
      const dir = join(workDir, 'stick');
      mkdirSync(dir);
      let image: string;
      let unmount: () => void;
      try {
        image = makeImage(filesystem, workDir);
        unmount = mount(filesystem, image, dir);
      } catch (error) {
        const reason = `${filesystem.name} test skipped: ${(error as Error).message}.`;
        console.log(reason);
        return skip(reason);
      }
      const target = join(dir, 'Harbour-Release.html');
      const theirs = new Uint8Array(300_000).fill(120); // spans many clusters
      try {
        // What this test is about: the filesystem refuses hard links (EPERM from Linux, kernel or FUSE driver), so the fallback runs.
        writeFileSync(join(dir, 'probe'), '');
        expect(() => linkSync(join(dir, 'probe'), join(dir, 'probe-link'))).toThrow(expect.objectContaining({ code: 'EPERM' }));
        unlinkSync(join(dir, 'probe'));

        writeFileSafely(target, theirs);
        expect(new Uint8Array(readFileSync(target))).toEqual(theirs);
        expect(readdirSync(dir)).toEqual(['Harbour-Release.html']);

        expect(refusalOf(() => writeFileSafely(target, 'mine')).message).toBe('Harbour-Release.html already exists; it was not replaced.');
        // Names on these filesystems ignore case: another spelling is the same file, and is refused too.
        expect(refusalOf(() => writeFileSafely(join(dir, 'harbour-release.html'), 'mine')).message).toBe(
          'harbour-release.html already exists; it was not replaced.',
        );
        expect(new Uint8Array(readFileSync(target))).toEqual(theirs);

        writeFileSafely(target, 'mine', { overwrite: true });
        expect(readFileSync(target, 'utf8')).toBe('mine');
        expect(readdirSync(dir)).toEqual(['Harbour-Release.html']);
      } finally {
        unmount();
      }
      // What reached the image itself, as the next computer to read the stick sees it.
      unmount = mount(filesystem, image, dir);
      try {
        expect(readdirSync(dir)).toEqual(['Harbour-Release.html']);
        expect(readFileSync(target, 'utf8')).toBe('mine');
      } finally {
        unmount();
      }
    },
  );
});
