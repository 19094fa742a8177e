import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * The bundled team server as a process of its own, for tests (Vitest and
 * Playwright alike): `script` is the one-file build, from bundleForNode or
 * `npm run build`'s dist/server/dateline-server.cjs.
 */

/** `dateline-server add-user`, its password typed on stdin as a person would. */
export function addTeamUser(script: string, dataDir: string, args: string[], password: string) {
  return spawnSync(process.execPath, [script, 'add-user', '--data-dir', dataDir, ...args], { input: `${password}\n`, encoding: 'utf8' });
}

export interface TeamServerProcess {
  url: string;
  child: ChildProcess;
}

/** Starts `dateline-server serve` on a free loopback port and resolves once it prints the address it listens on. */
export function serveTeam(script: string, dataDir: string, extra: string[] = []): Promise<TeamServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'serve', '--data-dir', dataDir, '--port', '0', ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the team server did not start:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (https?:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the team server exited with ${code}:\n${output}`));
    });
  });
}
