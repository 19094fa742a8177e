import { readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { failWith, resultSchema, type Result } from '@shared/api/result';
import { teamMethods, teamPersonSchema, type TeamMethodName, type TeamPerson } from '@shared/api/team';
import type { TeamConnection, TeamConnectionStatus } from '@shared/api/team-connection';
import { fromWire, toWire } from '@shared/api/wire';
import type { SecretBox } from '../api/desktop-services';
import { writeFileSafely } from '../export/write-file-safely';
import { log } from '../log/log';

interface Session {
  server: string;
  person: TeamPerson;
  token: string;
  /** The server's approval-signing key as it was at sign-in; approvals are checked against it, never against what a server says later. */
  serverKey: string | null;
}

/** The file keeps the token only as the operating system's keychain sealed it. */
const storedSessionSchema = z.object({
  server: z.string(),
  person: teamPersonSchema,
  sealedToken: z.string(),
  // Sessions kept before keys were pinned have none; their approvals cannot be checked until the person signs in again.
  serverKey: z.string().nullable().default(null),
});

/** Long enough for a server across a slow office VPN, short enough that a dead address does not hold the view for minutes. */
const answerWithinMs = 15_000;

type TeamInput<M extends TeamMethodName> = z.input<(typeof teamMethods)[M]['input']>;
type TeamOutput<M extends TeamMethodName> = z.output<(typeof teamMethods)[M]['output']>;
type Answer<M extends TeamMethodName> = { reached: true; result: Result<TeamOutput<M>> } | { reached: false; reason: string };

/** Why a fetch failed, in words a press officer can pass on to whoever runs the server. */
function unreachableReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `it did not answer within ${answerWithinMs / 1000} seconds`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'nothing answered at that address (is the team server running?)';
  if (cause?.code === 'ENOTFOUND') return 'there is no machine of that name';
  if (cause?.code && /CERT|SIGNATURE|SELF_SIGNED/.test(cause.code))
    return `its certificate is not trusted here (${cause.message ?? cause.code})`;
  return cause?.message ?? (error as Error).message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** One call to the team server; every answer is checked against the team contract's own result schema. */
async function callTeam<M extends TeamMethodName>(server: string, method: M, input: unknown, token?: string): Promise<Answer<M>> {
  let text: string;
  try {
    const response = await fetch(`${server}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: toWire(input),
      signal: AbortSignal.timeout(answerWithinMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    return { reached: false, reason: unreachableReason(error) };
  }
  let answer: unknown;
  try {
    answer = fromWire(text);
  } catch {
    answer = null;
  }
  const checked = resultSchema(teamMethods[method].output).safeParse(answer);
  if (!checked.success) return { reached: false, reason: 'what answered there is not a Dateline team server' };
  return { reached: true, result: checked.data as Result<TeamOutput<M>> };
}

/**
 * This installation's session on the team server. Only this process holds the
 * token: the desktop app also keeps it on disk, sealed by the operating
 * system's keychain (safeStorage, lent through DesktopServices); browser mode
 * and anything without a keychain keep it in memory, so a restart signs out.
 */
export class TeamLink {
  /** Undefined until first needed: then what the file held, if anything. */
  private session: Session | null | undefined;
  /** Why the server ended the last session, said until the person connects again or signs out. */
  private endedByServer: { server: string; reason: string } | null = null;
  private connecting = false;

  constructor(
    private readonly file: string,
    private readonly secretBox: () => SecretBox | null,
  ) {}

  /** Who is signed in, as last confirmed by the server; no network. */
  signedInAs(): TeamPerson | null {
    return this.current()?.person ?? null;
  }

  /** The server signed in to, as last confirmed; no network. */
  server(): string | null {
    return this.current()?.server ?? null;
  }

  /** The approval-signing key pinned when this session signed in; null when none was given then. */
  pinnedServerKey(): string | null {
    return this.current()?.serverKey ?? null;
  }

  /**
   * The session for the sync socket, which carries the token itself (as the
   * Hocuspocus token); it never leaves this process either.
   */
  syncCredentials(): { server: string; token: string; person: TeamPerson } | null {
    const session = this.current();
    return session ? { server: session.server, token: session.token, person: session.person } : null;
  }

  /** Asks the server whether the session still stands, so a revoked session or a disabled account shows now. */
  async status(): Promise<TeamConnection> {
    const session = this.current();
    if (!session) return this.describe(this.endedByServer ? { state: 'signed-out', ...this.endedByServer } : { state: 'not-connected' });
    const answer = await callTeam(session.server, 'whoAmI', {}, session.token);
    // A sign-out or another sign-in while the server was asked: theirs is the newer word.
    if (this.session !== session) return this.status();
    if (!answer.reached)
      return this.describe({ state: 'unreachable', server: session.server, person: session.person, reason: answer.reason });
    if (answer.result.ok) {
      if (JSON.stringify(answer.result.value) !== JSON.stringify(session.person)) this.keep({ ...session, person: answer.result.value });
      return this.describe({ state: 'connected', server: session.server, person: answer.result.value });
    }
    const { kind, message } = answer.result.error;
    // The server refuses a session only when it has ended; any other failure is the server's own trouble, and the session stands.
    if (kind !== 'refused') return this.describe({ state: 'unreachable', server: session.server, person: session.person, reason: message });
    this.forget();
    this.endedByServer = { server: session.server, reason: message };
    return this.status();
  }

  /**
   * Signs in on the server, lets `adopt` make the team person the one at the
   * keyboard here, and only then keeps the session; if either step fails the
   * server's session is closed again, so none is left open that nobody holds.
   */
  async connect<T>(server: string, name: string, password: string, adopt: (person: TeamPerson) => T): Promise<T> {
    const held = this.current();
    if (held) return failWith('refused', `Dateline is signed in to ${held.server} as ${held.person.name} already; sign out first.`);
    if (this.connecting) return failWith('refused', 'Dateline is signing in to a team server already; wait for it.');
    this.connecting = true;
    try {
      const answer = await callTeam(server, 'signIn', { name, password });
      if (!answer.reached) return failWith('unavailable', `Dateline could not reach the team server at ${server}: ${answer.reason}.`);
      if (!answer.result.ok) {
        const { kind, message, field } = answer.result.error;
        return failWith(kind === 'refused' || kind === 'invalid-input' ? kind : 'unavailable', message, field ? { field } : {});
      }
      const key = await callTeam(server, 'serverKey', {}, answer.result.value.token);
      const serverKey = key.reached && key.result.ok ? key.result.value.publicKey : null;
      const session = { server, ...answer.result.value, serverKey };
      try {
        const adopted = adopt(session.person);
        this.keep(session);
        this.endedByServer = null;
        return adopted;
      } catch (error) {
        await callTeam(server, 'signOut', {}, session.token);
        throw error;
      }
    } finally {
      this.connecting = false;
    }
  }

  /**
   * One call on the team server with the held session, for the person at the
   * keyboard; the server decides whether they may, and its refusal is passed on
   * in its own words.
   */
  async call<M extends TeamMethodName>(method: M, input: TeamInput<M>): Promise<TeamOutput<M>> {
    const session = this.current() ?? failWith('refused', 'Sign in to the team server first, in Team server.');
    const answer = await callTeam(session.server, method, input, session.token);
    if (!answer.reached) return failWith('unavailable', `Dateline could not reach the team server at ${session.server}: ${answer.reason}.`);
    if (answer.result.ok) return answer.result.value;
    const { kind, message, field } = answer.result.error;
    // The server's own trouble (its disk, a bug) is not this person's to fix here; what they can act on keeps its kind.
    const passedOn = kind === 'refused' || kind === 'invalid-input' || kind === 'not-found' || kind === 'conflict' ? kind : 'unavailable';
    return failWith(passedOn, message, field ? { field } : {});
  }

  /** Forgets the session here first, whatever the server says, then tells the server if it can be reached. */
  async disconnect(): Promise<{ serverReached: boolean }> {
    const session = this.current();
    this.forget();
    this.endedByServer = null;
    if (!session) return { serverReached: true };
    return { serverReached: (await callTeam(session.server, 'signOut', {}, session.token)).reached };
  }

  private describe(status: TeamConnectionStatus): TeamConnection {
    return { status, survivesRestart: this.secretBox() !== null };
  }

  private current(): Session | null {
    if (this.session === undefined) this.session = this.load();
    return this.session;
  }

  private load(): Session | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const stored = storedSessionSchema.safeParse(parseJson(text));
    const box = this.secretBox();
    if (stored.success && box) {
      try {
        return {
          server: stored.data.server,
          person: stored.data.person,
          token: box.open(Buffer.from(stored.data.sealedToken, 'base64')),
          serverKey: stored.data.serverKey,
        };
      } catch (error) {
        log.warn(`The saved team session could not be unsealed: ${(error as Error).message}`);
      }
    }
    rmSync(this.file, { force: true });
    this.endedByServer = {
      server: stored.success ? stored.data.server : 'the team server',
      reason: 'The saved session could not be read on this computer (its keychain did not unlock it). Sign in again.',
    };
    return null;
  }

  private keep(session: Session): void {
    const box = this.secretBox();
    if (box) {
      const sealedToken = Buffer.from(box.seal(session.token)).toString('base64');
      writeFileSafely(
        this.file,
        JSON.stringify({ server: session.server, person: session.person, sealedToken, serverKey: session.serverKey }),
        { overwrite: true },
      );
    }
    this.session = session;
  }

  private forget(): void {
    this.session = null;
    rmSync(this.file, { force: true });
  }
}
