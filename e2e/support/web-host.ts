import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHost {
  /** The first address it printed: a single-use link that signs one tab in. */
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  /** The next single-use address, printed once the previous one has been used: for another tab. */
  nextUrl(): Promise<string>;
}

const hostScript = join(import.meta.dirname, '../../dist/web/host.cjs');
const linkPattern = /(http:\/\/127\.0\.0\.1:\d+)\/#link=[\w-]+/g;

/** Starts browser mode exactly as `npm run web` does, on a data folder of the test's own. */
export function startHost(dataDir: string): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hostScript, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const links: string[] = [];
    let handedOut = 0;
    let waiting: (() => void) | null = null;
    const nextUrl = async () => {
      while (links.length <= handedOut) await new Promise<void>((wake) => (waiting = wake));
      return links[handedOut++]!;
    };
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      links.splice(0, links.length, ...[...output.matchAll(linkPattern)].map((match) => match[0]));
      waiting?.();
      if (links.length > 0 && handedOut === 0) {
        clearTimeout(timer);
        handedOut = 1;
        resolve({ url: links[0]!, origin: /http:\/\/127\.0\.0\.1:\d+/.exec(links[0]!)![0], dataDir, process: child, nextUrl });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}

export function stopHost(host: RunningHost, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (host.process.exitCode !== null || host.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    host.process.once('exit', () => resolve());
    host.process.kill(signal);
  });
}

export function makeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
