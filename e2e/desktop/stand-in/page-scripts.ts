/**
 * The two scripts the stand-in puts into every window before the page's own
 * code runs, as Electron does:
 *
 * - the preload world: Electron's sandboxed preload environment, an isolated
 *   world created with the document (before <html> exists), where `require`
 *   knows only 'electron' (contextBridge and ipcRenderer), and whatever the
 *   preload throws is reported as Electron's 'preload-error';
 * - the main world: the receiving side of contextBridge.exposeInMainWorld.
 *
 * The two worlds share only the DOM, as in Electron. Calls between them travel
 * as CustomEvents on `document`, whose `detail` Chromium structured-clones from
 * one world to the other; functions cross as handles, never as objects. IPC to
 * the main process goes through a CDP binding as text.
 */

/** Tagged JSON for IPC: byte arrays and undefined survive, as with Electron's structured clone; functions are refused. */
export function encodeIpc(value: unknown): string {
  const tag = (item: unknown): unknown => {
    if (typeof item === 'function' || typeof item === 'symbol') throw new Error('An object could not be cloned.');
    if (item === undefined) return { $undefined: true };
    if (item instanceof Uint8Array) {
      let binary = '';
      for (let index = 0; index < item.length; index += 0x8000)
        binary += String.fromCharCode.apply(null, Array.from(item.subarray(index, index + 0x8000)));
      return { $bytes: btoa(binary) };
    }
    if (Array.isArray(item)) return item.map(tag);
    if (item && typeof item === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(item)) out[key] = tag((item as Record<string, unknown>)[key]);
      return out;
    }
    return item;
  };
  return JSON.stringify(tag(value));
}

export function decodeIpc(text: string): unknown {
  const untag = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(untag);
    if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      if (record.$undefined === true) return undefined;
      if (typeof record.$bytes === 'string') {
        const binary = atob(record.$bytes);
        const bytes = new Uint8Array(binary.length);
        for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
        return bytes;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) out[key] = untag(record[key]);
      return out;
    }
    return item;
  };
  return untag(JSON.parse(text));
}

interface CrossWorldSlot {
  kind?: 'value' | 'throw' | 'async';
  value?: unknown;
  error?: string;
  resolve?: (value: unknown) => void;
  reject?: (error: Error) => void;
}

/**
 * The calling side of one cross-world call, as contextBridge carries it: the
 * request event is dispatched (synchronously, so the other world has answered
 * by the time it returns) and its answer is a value, a throw, or a promise
 * settled by a later event. Both worlds get this function's source.
 */
export function callAcrossWorlds(
  slots: Map<number, CrossWorldSlot>,
  callId: number,
  dispatch: () => void,
  receive: (value: unknown) => unknown,
): unknown {
  const slot: CrossWorldSlot = {};
  slots.set(callId, slot);
  dispatch();
  if (slot.kind === 'async') return new Promise((resolve, reject) => Object.assign(slot, { resolve, reject }));
  slots.delete(callId);
  if (slot.kind === 'throw') throw new Error(slot.error);
  return receive(slot.value);
}

/** The caller's side of an answer event: fills the slot, or settles its promise. */
export function settleAcrossWorlds(
  slots: Map<number, CrossWorldSlot>,
  detail: { callId: number; kind: string; value?: unknown; error?: string },
  receive: (value: unknown) => unknown,
): void {
  const slot = slots.get(detail.callId);
  if (!slot) return;
  if (detail.kind === 'resolve') {
    slots.delete(detail.callId);
    slot.resolve!(receive(detail.value));
  } else if (detail.kind === 'reject') {
    slots.delete(detail.callId);
    slot.reject!(new Error(detail.error));
  } else Object.assign(slot, { kind: detail.kind, value: detail.value, error: detail.error });
}

/** The answering side: runs the call and answers with its value or throw, or says "async" and answers again when it settles. */
export function answerAcrossWorlds(answer: (detail: object) => void, run: () => unknown, share: (value: unknown) => unknown): void {
  const message = (error: unknown) => String((error as Error | null)?.message ?? error);
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return answer({ kind: 'throw', error: message(error) });
  }
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    answer({ kind: 'async' });
    (result as Promise<unknown>).then(
      (value) => answer({ kind: 'resolve', value: share(value) }),
      (error) => answer({ kind: 'reject', error: message(error) }),
    );
  } else answer({ kind: 'value', value: share(result) });
}

const crossWorldFunctions = `const callAcrossWorlds = ${callAcrossWorlds.toString()};
  const settleAcrossWorlds = ${settleAcrossWorlds.toString()};
  const answerAcrossWorlds = ${answerAcrossWorlds.toString()};`;

export const preloadWorldName = 'electron-stand-in-preload';
export const ipcBindingName = '__electronStandInIpc';
export const deliverFunctionName = '__electronStandInDeliver';

/** Runs in the page's own world, first: builds what the preload exposes from the handles it sends. */
export const mainWorldScript = `(() => {
  const calls = new Map();
  const callbacks = new Map();
  let nextCall = 1;
  let nextCallback = 1;
  const plain = (value) => value && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
  const outgoing = (value) => {
    if (typeof value === 'function') { const id = nextCallback++; callbacks.set(id, value); return { $callback: id }; }
    if (Array.isArray(value)) return value.map(outgoing);
    if (plain(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, outgoing(item)]));
    return value;
  };
  const incoming = (value) => {
    if (Array.isArray(value)) return value.map(incoming);
    if (plain(value)) {
      if (typeof value.$fn === 'number' && Object.keys(value).length === 1) return proxy(value.$fn);
      return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, incoming(item)])));
    }
    return value;
  };
  ${crossWorldFunctions}
  const proxy = (fnId) => function (...args) {
    const callId = nextCall++;
    const dispatch = () => document.dispatchEvent(new CustomEvent('electron-stand-in:call', { detail: { callId, fnId, args: outgoing(args) } }));
    return callAcrossWorlds(calls, callId, dispatch, incoming);
  };
  document.addEventListener('electron-stand-in:return', (event) => settleAcrossWorlds(calls, event.detail, incoming));
  // A page function called from the preload answers like any cross-world call.
  document.addEventListener('electron-stand-in:callback', (event) => {
    const { id, callId, args } = event.detail;
    const answer = (detail) => document.dispatchEvent(new CustomEvent('electron-stand-in:callback-return', { detail: { callId, ...detail } }));
    answerAcrossWorlds(answer, () => callbacks.get(id)(...incoming(args)), outgoing);
  });
  document.addEventListener('electron-stand-in:expose', (event) => {
    const { key, value } = event.detail;
    Object.defineProperty(window, key, { value: incoming(value), enumerable: true });
  });
})();`;

/** Runs in the preload's isolated world at document creation: Electron's sandboxed preload, with the real preload inside. */
export function preloadWorldScript(preloadSource: string, preloadPath: string): string {
  return `(() => {
  const encodeIpc = ${encodeIpc.toString()};
  const decodeIpc = ${decodeIpc.toString()};
  const send = (message) => ${ipcBindingName}(encodeIpc(message));
  const functions = new Map();
  let nextFn = 1;
  const plain = (value) => value && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
  const share = (value) => {
    if (typeof value === 'function') { const id = nextFn++; functions.set(id, value); return { $fn: id }; }
    if (Array.isArray(value)) return value.map(share);
    if (plain(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, share(item)]));
    return value;
  };
  ${crossWorldFunctions}
  const callbackCalls = new Map();
  let nextCallbackCall = 1;
  document.addEventListener('electron-stand-in:callback-return', (event) => settleAcrossWorlds(callbackCalls, event.detail, receive));
  // Electron's contextBridge returns what a page function returns, promises included, to the preload that called it.
  const callPage = (id, args) => {
    const callId = nextCallbackCall++;
    const dispatch = () => document.dispatchEvent(new CustomEvent('electron-stand-in:callback', { detail: { id, callId, args: share(args) } }));
    return callAcrossWorlds(callbackCalls, callId, dispatch, receive);
  };
  const receive = (value) => {
    if (Array.isArray(value)) return value.map(receive);
    if (plain(value)) {
      if (typeof value.$callback === 'number' && Object.keys(value).length === 1) {
        const id = value.$callback;
        return (...args) => callPage(id, args);
      }
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, receive(item)]));
    }
    return value;
  };
  document.addEventListener('electron-stand-in:call', (event) => {
    const { callId, fnId, args } = event.detail;
    const answer = (detail) => document.dispatchEvent(new CustomEvent('electron-stand-in:return', { detail: { callId, ...detail } }));
    answerAcrossWorlds(answer, () => functions.get(fnId)(...receive(args)), share);
  });

  const contextBridge = Object.freeze({
    exposeInMainWorld(key, api) {
      document.dispatchEvent(new CustomEvent('electron-stand-in:expose', { detail: { key, value: share(api) } }));
    },
  });
  const listeners = new Map();
  const replies = new Map();
  let nextInvoke = 1;
  const ipcEvent = { sender: null };
  globalThis.${deliverFunctionName} = (text) => {
    const delivered = decodeIpc(text);
    if (delivered.kind === 'reply') {
      const reply = replies.get(delivered.id);
      replies.delete(delivered.id);
      if (delivered.ok) reply.resolve(delivered.value);
      else reply.reject(new Error(delivered.error));
    } else {
      for (const listener of [...(listeners.get(delivered.channel) ?? [])]) listener(ipcEvent, ...delivered.args);
    }
  };
  const ipcRenderer = Object.freeze({
    invoke(channel, ...args) {
      const id = nextInvoke++;
      return new Promise((resolve, reject) => {
        replies.set(id, { resolve, reject });
        try { send({ kind: 'invoke', id, channel, args }); } catch (error) { replies.delete(id); reject(error); }
      });
    },
    send(channel, ...args) { send({ kind: 'send', channel, args }); },
    on(channel, listener) { listeners.set(channel, [...(listeners.get(channel) ?? []), listener]); return ipcRenderer; },
    once(channel, listener) {
      const once = (...args) => { ipcRenderer.removeListener(channel, once); listener(...args); };
      return ipcRenderer.on(channel, once);
    },
    removeListener(channel, listener) { listeners.set(channel, (listeners.get(channel) ?? []).filter((item) => item !== listener)); return ipcRenderer; },
    removeAllListeners(channel) { listeners.delete(channel); return ipcRenderer; },
  });
  const electron = Object.freeze({ contextBridge, ipcRenderer });
  // A sandboxed preload's require knows only a few modules; none of Node's.
  const require = (name) => {
    if (name === 'electron' || name === 'electron/renderer') return electron;
    throw new Error('module not found: ' + name);
  };
  const module = { exports: {} };
  try {
    (function (exports, require, module, __filename, __dirname) {
${preloadSource}
    })(module.exports, require, module, ${JSON.stringify(preloadPath)}, '.');
  } catch (error) {
    send({ kind: 'preload-error', error: String((error && error.stack) || error) });
  }
})();`;
}
