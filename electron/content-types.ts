import { extname } from 'node:path';

const byExtension: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The Content-Type of a file of the built renderer, as both the app:// protocol and browser mode serve it. */
export const contentTypeOf = (file: string) => byExtension[extname(file)] ?? 'application/octet-stream';
