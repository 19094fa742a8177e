import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxRequestDepth, requestLimit } from '@shared/api/request-limits';
import { toWire } from '@shared/api/wire';
import { maxBodyDepth } from '@shared/release/content';
import { maxBodyCharacters, releaseTooLong } from '@shared/release/limits';
import { openBackend } from '../api/backend';
import { fixtureBytes, largestRelease, releaseContent, useTempDir } from '../testing/temp-store';
import { startWebHost, type WebHost } from './host';

const tempDir = useTempDir();
const running: WebHost[] = [];
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
});

async function start({ now }: { now?: () => number } = {}) {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Dateline</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const printed: string[] = [];
  const host = await startWebHost({
    backend: openBackend(join(dir, 'dateline.sqlite3')),
    staticDir,
    onNextLink: (url) => printed.push(url),
    now,
  });
  running.push(host);
  const session = await openSession(host.url);
  const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'x-dateline-session': session, ...headers }, body: toWire(input) });
  return { host, api, session, printed };
}

/** What the page does with the printed address: trades the link in its fragment for a session token. */
async function openSession(url: string): Promise<string> {
  const { origin, hash } = new URL(url);
  const response = await fetch(`${origin}/session`, { method: 'POST', headers: { 'x-dateline-link': hash.slice('#link='.length) } });
  const result = (await response.json()) as { ok: boolean; value: { session: string } };
  if (!result.ok) throw new Error(`no session: ${JSON.stringify(result)}`);
  return result.value.session;
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
  it('answers 401 to calls without this run’s session, or with a wrong one', async () => {
    const { host, api } = await start();
    expect((await fetch(`${host.origin}/api/getSession`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await api('getSession', {}, { 'x-dateline-session': 'guess' })).status).toBe(401);
    expect((await fetch(`${host.origin}/session`, { method: 'POST', headers: { 'x-dateline-link': 'guess' } })).status).toBe(401);
    const refusal = await (await fetch(`${host.origin}/api/getSession`, { method: 'POST', body: '{}' })).json();
    expect(refusal).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringMatching(/not signed in/) } });
    // The renderer's files hold no secret; they open, and the page then asks for a session.
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
  });

  it('ends a session after 12 hours without a call; one in use goes on', async () => {
    let clock = Date.parse('2026-12-06T09:00:00Z');
    const { host, api, printed } = await start({ now: () => clock });
    const idle = await openSession(printed[0]!);
    const callAs = (session: string) =>
      fetch(`${host.origin}/api/getSession`, { method: 'POST', headers: { 'x-dateline-session': session }, body: '{}' });
    expect((await callAs(idle)).status).toBe(200);
    for (let hour = 1; hour <= 13; hour++) {
      clock += 3_600_000;
      expect((await api('getSession', {})).status).toBe(200);
    }
    expect((await callAs(idle)).status).toBe(401);
  });

  it('opens each printed address once, prints the next, and never sets a cookie', async () => {
    const { host, api, printed } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#link=[\w-]{40,}$/);
    await expect(openSession(host.url)).rejects.toThrow(/no session/);
    expect(printed).toHaveLength(1);
    const second = await openSession(printed[0]!);
    const call = await fetch(`${host.origin}/api/getSession`, { method: 'POST', headers: { 'x-dateline-session': second }, body: '{}' });
    expect(call.status).toBe(200);
    await expect(openSession(printed[0]!)).rejects.toThrow(/no session/);
    for (const response of [call, await api('getSession', {}), await fetch(`${host.origin}/`)]) {
      expect(response.headers.get('set-cookie')).toBeNull();
    }
  });

  it('answers 403 to another Origin or Host, even with a session', async () => {
    const { host, api } = await start();
    expect((await api('getSession', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('getSession', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await rawGet(host, '/', { host: `evil.example:${host.port}` })).toBe(403);
    expect(await rawGet(host, '/', { host: `localhost:${host.port}` })).toBe(403);
    expect(await rawGet(host, '/', { host: `127.0.0.1:${host.port}` })).toBe(200);
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
    const { host, api, session } = await start();
    const signedIn = await (await api('signIn', { name: 'Amal Haddad' })).json();
    expect(signedIn).toMatchObject({ ok: true, value: { name: 'Amal Haddad' } });
    const bytes = fixtureBytes('field.webp');
    const added = await (await api('addPhoto', { bytes })).json();
    expect(added).toMatchObject({ ok: true, value: { mime: 'image/webp', width: 800, height: 533 } });
    const photo = await fetch(`${host.origin}/photos/${added.value.id}`, { headers: { 'x-dateline-session': session } });
    expect(photo.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await photo.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    // An <img> on the app's own page sends no header; Chromium marks it same-origin, which another site cannot.
    expect(await rawGet(host, `/photos/${added.value.id}`, { 'sec-fetch-site': 'same-origin' })).toBe(200);
    expect((await fetch(`${host.origin}/photos/${added.value.id}`)).status).toBe(401);
  });

  it('answers malformed and oversize requests with a clear, typed error', async () => {
    const { host, session } = await start();
    expect(await rawGet(host, '/api/%E0%A4%A', {})).toBe(400);
    expect(await rawGet(host, '/%', {})).toBe(400);
    const malformed = await fetch(`${host.origin}/api/getSession`, {
      method: 'POST',
      headers: { 'x-dateline-session': session },
      body: '{"half":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'The request body is not valid JSON.' },
    });
    const oversize = await fetch(`${host.origin}/api/addPhoto`, {
      method: 'POST',
      headers: { 'x-dateline-session': session },
      body: 'x'.repeat(40 * 1024 * 1024),
    });
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^This photo is larger than 25 MB/) },
    });
  });

  it('always takes the largest release the store accepts, and refuses a longer one in words about the release', async () => {
    const { api } = await start();
    await api('signIn', { name: 'Amal Haddad' });
    const photo = await (await api('addPhoto', { bytes: fixtureBytes('field.webp') })).json();
    const created = await (await api('createRelease', {})).json();
    const largest = largestRelease(photo.value.id);
    const save = { id: created.value.id, baseVersion: 1, content: largest };
    expect(Buffer.byteLength(toWire(save))).toBeLessThanOrEqual(requestLimit('saveRelease').bytes);
    const saved = await api('saveRelease', save);
    expect(await saved.json()).toMatchObject({ ok: true, value: { version: 2 } });

    // Over the limit but within the request size: read, and refused by the schema.
    const tooLong = releaseContent({ bodyText: ['a'.repeat(maxBodyCharacters + 1)] });
    const refused = await api('saveRelease', { ...save, baseVersion: 2, content: tooLong });
    expect(await refused.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: `content.body: ${releaseTooLong}` } });
    // Far over: refused before it is read, in the same words, never in words about photos.
    const huge = releaseContent({ bodyText: Array.from({ length: 13 }, () => 'a'.repeat(1024 * 1024)) });
    const unread = await api('saveRelease', { ...save, baseVersion: 2, content: huge });
    expect(unread.status).toBe(413);
    expect(await unread.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: releaseTooLong } });
    const other = await api('addComment', { releaseId: created.value.id, text: 'x'.repeat(1024 * 1024), inline: false, quote: '' });
    expect(other.status).toBe(413);
    expect((await other.json()).error.message).toMatch(/larger than anything Dateline sends/);
  });

  it('tells JSON nested too deep from text that is not JSON, and refuses bytes that are not UTF-8', async () => {
    const { api, session, host } = await start();
    const post = (method: string, body: string | Buffer<ArrayBuffer>) =>
      fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'x-dateline-session': session }, body });
    const deep = await post('getSession', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deep.status).toBe(400);
    expect((await deep.json()).error.message).toBe(
      `The request is nested more than ${maxRequestDepth} levels deep, deeper than Dateline ever sends.`,
    );
    expect((await (await post('getSession', `${'['.repeat(3)}x`)).json()).error.message).toBe('The request body is not valid JSON.');

    await api('signIn', { name: 'Amal Haddad' });
    const created = await (await api('createRelease', {})).json();
    const broken = Buffer.from(toWire({ id: created.value.id, baseVersion: 1, content: releaseContent({ headline: 'Café' }) }));
    // é is C3 A9; C3 followed by "(" is not UTF-8 at all.
    broken[broken.indexOf(0xa9)] = 0x28;
    const refused = await post('saveRelease', broken);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/^The request is not valid UTF-8 text/);
    expect((await (await api('getRelease', { id: created.value.id })).json()).value.version).toBe(1);

    // The deepest body the schema accepts, with a link's attributes at the bottom, still arrives.
    let node: object = {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Deep.', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] }],
    };
    for (let level = 3; level < maxBodyDepth; level++) node = { type: 'blockquote', content: [node] };
    const deepest = { ...releaseContent(), body: { type: 'doc', content: [node] } };
    const saved = await api('saveRelease', { id: created.value.id, baseVersion: 1, content: deepest });
    expect(await saved.json()).toMatchObject({ ok: true, value: { version: 2 } });
  });

  it('serves only the built renderer, never files beside it', async () => {
    const { host } = await start();
    expect(await rawGet(host, '/../secret.txt', {})).toBe(404);
    expect(await rawGet(host, '/%2e%2e/secret.txt', {})).toBe(404);
    expect(await rawGet(host, '/..%2fsecret.txt', {})).toBe(404);
  });
});
