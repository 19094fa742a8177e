import type { DesktopBridge } from '@shared/api/bridge';
import { createClient, type Transport } from '@shared/api/client';
import type { ApiClient } from '@shared/api/contract';
import { fromWire, toWire } from '@shared/api/wire';

declare global {
  interface Window {
    dateline?: DesktopBridge;
  }
}

/** In Electron the preload's bridge; in browser mode nothing, and calls go over HTTP. */
export const desktop: DesktopBridge | null = window.dateline ?? null;

// Small requests may outlive the page (keepalive), so a save sent while the tab closes still lands.
const keepaliveLimit = 60 * 1024;

const sessionStorageKey = 'dateline-browser-session';
const unreachable = 'browser mode is not running; your text is kept in this tab — start `npm run web` again and open the address it prints';

/**
 * The single-use link the printed address carries in its fragment, taken out
 * of the address bar as this module loads (before the page's load event), so
 * it is in no history entry and a route set right after loading is kept.
 */
function takeLinkFromAddress(): string | null {
  const match = /^#link=([\w-]+)(.*)$/.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(history.state, '', `${window.location.pathname}${match[2] ? `#${match[2].replace(/^&/, '')}` : ''}`);
  return match[1]!;
}
const linkFromAddress = desktop ? null : takeLinkFromAddress();
// A new address pasted into this tab changes only the fragment; loading it again lets the link above take it.
if (!desktop) window.addEventListener('hashchange', () => window.location.hash.startsWith('#link=') && window.location.reload());

/**
 * This tab's session token for browser mode: kept in sessionStorage (this tab
 * only, it survives a reload), never in a cookie, which every port on
 * 127.0.0.1 would receive. The first time, the link is traded for it.
 */
let browserSession: Promise<string> | null = null;
function sessionToken(): Promise<string> {
  browserSession ??= (async () => {
    // A fresh link wins over a kept session: the host may have been restarted, which ends every session.
    const kept = sessionStorage.getItem(sessionStorageKey);
    if (!linkFromAddress && kept) return kept;
    if (!linkFromAddress) throw new Error('this tab is not signed in; open the newest address `npm run web` printed');
    let response: Response;
    try {
      response = await fetch('/session', { method: 'POST', headers: { 'X-Dateline-Link': linkFromAddress } });
    } catch (error) {
      throw new Error(unreachable, { cause: error });
    }
    const result = fromWire(await response.text()) as { ok: boolean; value?: { session: string }; error?: { message: string } };
    if (!result.ok || !result.value) throw new Error(result.error?.message ?? `the host answered ${response.status}`);
    sessionStorage.setItem(sessionStorageKey, result.value.session);
    return result.value.session;
  })();
  // A failed attempt is not remembered, so a retry can succeed once the host is back.
  browserSession.catch(() => (browserSession = null));
  return browserSession;
}

const overHttp: Transport = async (method, input) => {
  const body = toWire(input);
  const session = await sessionToken();
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dateline-Session': session },
      body,
      keepalive: body.length < keepaliveLimit,
    });
  } catch (error) {
    throw new Error(unreachable, { cause: error });
  }
  const text = await response.text();
  try {
    return fromWire(text);
  } catch {
    throw new Error(`the host answered ${response.status} without a result`);
  }
};

// The same typed, validated client over either transport: the preload only carries raw calls.
export const api: ApiClient = createClient(desktop ? (method, input) => desktop.invoke(method, input) : overHttp);
