import WebSocket from 'ws';

/**
 * ws reports a socket closed while still connecting (the provider does that on
 * its own retries and when stopped) as an 'error' event, which the provider
 * never listens for, so it would end the process; the provider learns of every
 * failure from 'close' anyway.
 */
export class ListenedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}
