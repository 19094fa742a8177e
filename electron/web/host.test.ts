import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toWire } from '@shared/api/wire';
import { openBackend } from '../api/backend';
import { fixtureBytes, useTempDir } from '../testing/temp-store';
import { startWebHost, type WebHost } from './host';

const tempDir = useTempDir();
const running: WebHost[] = [];
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
});

async function start() {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Dateline</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const host = await startWebHost({ backend: openBackend(join(dir, 'dateline.sqlite3')), staticDir });
  running.push(host);
  const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'x-dateline-token': host.token, ...headers }, body: toWire(input) });
  return { host, api };
}

/** fetch() will not send a forged Host header, so this goes through node:http. */
function rawGet(host: WebHost, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('browser-mode host', () => {
  it('answers 401 to requests without the token, or with a wrong one', async () => {
    const { host, api } = await start();
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    expect((await fetch(`${host.origin}/api/getSession`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await api('getSession', {}, { 'x-dateline-token': 'guess' })).status).toBe(401);
    expect((await fetch(`${host.origin}/?token=guess`, { redirect: 'manual' })).status).toBe(401);
    const refusal = await (await fetch(`${host.origin}/api/getSession`, { method: 'POST', body: '{}' })).json();
    expect(refusal).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('trades the token in the printed URL for a cookie that opens the app', async () => {
    const { host } = await start();
    const entry = await fetch(host.url, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    expect(entry.headers.get('location')).toBe('/');
    const cookie = entry.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${host.origin}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Dateline</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers 403 to another Origin or Host, even with the token', async () => {
    const { host, api } = await start();
    expect((await api('getSession', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('getSession', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await rawGet(host, '/', { host: `evil.example:${host.port}`, 'x-dateline-token': host.token })).toBe(403);
    expect(await rawGet(host, '/', { host: `localhost:${host.port}`, 'x-dateline-token': host.token })).toBe(403);
    expect(await rawGet(host, '/', { host: `127.0.0.1:${host.port}`, 'x-dateline-token': host.token })).toBe(200);
    expect((await api('getSession', {}, { origin: host.origin })).status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { host } = await start();
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true);
    const otherAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address!.address);
    for (const address of otherAddresses) {
      await expect(fetch(`http://${address}:${host.port}/`)).rejects.toThrow();
    }
  });

  it('carries the contract: calls, typed errors, photo upload and download', async () => {
    const { host, api } = await start();
    const signedIn = await (await api('signIn', { name: 'Amal Haddad' })).json();
    expect(signedIn).toMatchObject({ ok: true, value: { name: 'Amal Haddad' } });
    const bytes = fixtureBytes('field.webp');
    const added = await (await api('addPhoto', { bytes })).json();
    expect(added).toMatchObject({ ok: true, value: { mime: 'image/webp', width: 800, height: 533 } });
    const photo = await fetch(`${host.origin}/photos/${added.value.id}`, { headers: { 'x-dateline-token': host.token } });
    expect(photo.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await photo.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect((await fetch(`${host.origin}/photos/${added.value.id}`)).status).toBe(401);
  });

  it('answers malformed and oversize requests with a clear, typed error', async () => {
    const { host } = await start();
    const malformed = await fetch(`${host.origin}/api/getSession`, {
      method: 'POST',
      headers: { 'x-dateline-token': host.token },
      body: '{"half":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'The request body is not valid JSON.' },
    });
    const oversize = await fetch(`${host.origin}/api/addPhoto`, {
      method: 'POST',
      headers: { 'x-dateline-token': host.token },
      body: 'x'.repeat(40 * 1024 * 1024),
    });
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/25 MB/) } });
  });

  it('serves only the built renderer, never files beside it', async () => {
    const { host } = await start();
    const headers = { 'x-dateline-token': host.token };
    expect(await rawGet(host, '/../secret.txt', headers)).toBe(404);
    expect(await rawGet(host, '/%2e%2e/secret.txt', headers)).toBe(404);
    expect(await rawGet(host, '/..%2fsecret.txt', headers)).toBe(404);
  });
});
