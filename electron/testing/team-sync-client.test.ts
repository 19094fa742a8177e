import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { syncRelease, until } from './team-sync-client';

let server: Server | null = null;
const heldUpgrades: Socket[] = [];
afterEach(async () => {
  for (const socket of heldUpgrades.splice(0)) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

// ws reports a socket closed before its handshake finished as an 'error' on the next tick; unheard, Vitest counts it
// as an unhandled error of the run, which is how the server's tests used to end when a client stopped mid-connect.
it('stops a synced release whose socket is still connecting without an unhandled error', async () => {
  let ended = 0;
  // A server that takes the upgrade request and never answers it, so the socket stays connecting until stopped.
  server = createServer().on('upgrade', (_request, socket: Socket) => {
    heldUpgrades.push(socket);
    socket.on('end', () => ended++);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const client = syncRelease(`http://127.0.0.1:${port}`, 'a-release', 'a-token');
  await until('the upgrade request reaches the server', () => heldUpgrades.length > 0);
  client.destroy();

  await until('the client hangs up the connection it was upgrading', () => ended === 1);
  // By now ws has reported the aborted handshake (on the tick after destroy), so an unheard report has already surfaced.
  expect(client.scopes).toEqual([]);
});
