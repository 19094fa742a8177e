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

const overHttp: Transport = async (method, input) => {
  const body = toWire(input);
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      credentials: 'same-origin',
      keepalive: body.length < keepaliveLimit,
    });
  } catch (error) {
    throw new Error(
      'browser mode is not running; your text is kept in this tab — start `npm run web` again and open the address it prints',
      { cause: error },
    );
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
