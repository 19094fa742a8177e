import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHost {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
}

const hostScript = join(import.meta.dirname, '../../dist/web/host.cjs');

/** Starts browser mode exactly as `npm run web` does, on a data folder of the test's own. */
export function startHost(dataDir: string): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hostScript, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0].slice('running at '.length), origin: match[1]!, dataDir, process: child });
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
