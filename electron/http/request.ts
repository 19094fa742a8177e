import type { IncomingMessage, Server } from 'node:http';

/** A header's one value; a repeated header counts by its first. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The whole body, or null once it passes the limit (the rest is drained, not buffered). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Slow or idle clients, or many of them, must not hold a server: headers within 10 s, a request within 60 s, idle keep-alive 5 s. */
export function limitClients(server: Server, maxConnections: number): void {
  server.maxConnections = maxConnections;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
}
