import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/fixtures';

test('browser mode gives another local server nothing: no cookie, no session, and the printed address works once', async ({
  app,
  host,
  context,
}) => {
  // Another service on 127.0.0.1 that a person visits in the same browser: it records everything it is sent.
  const received: IncomingHttpHeaders[] = [];
  const collector = createServer((request, response) => {
    received.push(request.headers);
    response.end('collected');
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const collectorOrigin = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  try {
    const session = await app.evaluate(() => sessionStorage.getItem('dateline-browser-session'));
    expect(session).toMatch(/^[\w-]{40,}$/);
    expect(await context.cookies()).toEqual([]);
    // The address bar no longer shows the single-use link.
    expect(app.url()).not.toContain('link=');

    const visitor = await context.newPage();
    for (const path of ['/', '/photos/anything', '/api/getSession']) await visitor.goto(`${collectorOrigin}${path}`);
    // Three pages, and whatever the browser fetched for each (a favicon).
    expect(received.length).toBeGreaterThanOrEqual(3);
    for (const headers of received) {
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(session);
    }

    // The first address has been used: in a new tab it opens nothing.
    await visitor.goto(host.url);
    // The page's notices are an alert region too, empty until there is something to say.
    await expect(visitor.getByRole('alert').filter({ hasText: 'That address has been used already' })).toBeVisible();
    // The next printed address signs that tab in, once.
    await visitor.goto(await host.nextUrl());
    await expect(visitor.getByRole('button', { name: 'New release' })).toBeVisible();
  } finally {
    collector.close();
  }
});
