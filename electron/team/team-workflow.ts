import { randomUUID } from 'node:crypto';
import type { Comment } from '@shared/api/comments';
import type { Release } from '@shared/api/releases';
import { ApiFailure, failWith } from '@shared/api/result';
import type { ActionDetails, Actor, PersonAction } from '@shared/review/workflow';
import type { Stores } from '../api/handlers';
import { hashContent } from '../store/content-hash';
import type { PendingCommand, QueuedCommand } from '../store/team-records';
import type { TeamLink } from './team-link';
import type { TeamSync } from './team-sync';

type CommentChange = { kind: 'edit'; text: string } | { kind: 'delete' } | { kind: 'resolve'; resolved: boolean };

/** A failure that says the server was not reached (or had trouble of its own), so the command can wait and be tried again. */
const passes = (error: unknown) => error instanceof ApiFailure && error.error.kind === 'unavailable';

/**
 * Review actions and comments on collaborative releases go to the team server,
 * which decides them for the session's person; each carries a command id made
 * when the person acted, so a replay is done once. Offline, everything but
 * approving waits in a queue on disk (and shows here at once, by the local
 * rules); approving needs the server's signature, so it is refused offline.
 * A queued command the server refuses on replay is dropped, its reason kept in
 * the activity and the sync status.
 */
export class TeamWorkflow {
  constructor(
    private readonly team: TeamLink,
    private readonly sync: TeamSync,
    private readonly stores: Stores,
  ) {
    sync.afterCatchUp(() => this.replay());
  }

  async transition(id: string, actor: Actor, action: PersonAction, baseVersion: number, details: ActionDetails): Promise<Release> {
    const { documents, releases, lifecycle, teamRecords } = this.stores;
    documents.flush(id);
    const current = releases.get(id);
    if (current.version !== baseVersion)
      failWith('conflict', 'The release changed since you opened it. Look at the latest version, then try again.', {
        currentVersion: current.version,
      });
    const command: QueuedCommand = {
      method: 'teamReleaseAction',
      // The words as the document reads them, which is what the server hashes.
      input: { commandId: randomUUID(), id, action, contentSha256: hashContent(documents.content(id)), ...details },
    };
    try {
      this.sync.adopt(await this.team.call('teamReleaseAction', command.input));
      return releases.get(id);
    } catch (error) {
      if (!passes(error)) throw error;
      if (action === 'approve')
        failWith(
          'unavailable',
          `Approving needs the team server, so the approval can be signed; Dateline cannot reach it: ${(error as ApiFailure).error.message}`,
        );
      // Shown here now, by the same rules the server applies; the server has the last word when the queue is replayed.
      lifecycle.transition(id, actor, action, baseVersion, details);
      teamRecords.enqueue(id, actor.id, command);
      return releases.get(id);
    }
  }

  /**
   * A final export was written here: the server records it and marks the
   * release Released there too (otherwise the next look at the server would
   * set it back to Approved here). Offline, it waits in the queue.
   */
  async exported(id: string, actor: Actor): Promise<void> {
    const contentSha256 = hashContent(this.stores.documents.content(id));
    await this.sendOrQueue(id, actor, { method: 'teamReleaseExported', input: { commandId: randomUUID(), id, contentSha256 } });
  }

  /** The server's comments while it answers; offline, those kept here (made here, the queued ones among them). */
  async listComments(releaseId: string): Promise<Comment[]> {
    try {
      return await this.team.call('teamComments', { releaseId });
    } catch (error) {
      if (!passes(error)) throw error;
      return this.stores.comments.list(releaseId);
    }
  }

  async addComment(releaseId: string, actor: Actor, input: { id?: string; text: string; inline: boolean; quote: string }) {
    const id = input.id ?? randomUUID();
    const command: QueuedCommand = {
      method: 'teamAddComment',
      input: { commandId: randomUUID(), releaseId, id, text: input.text, inline: input.inline, quote: input.quote },
    };
    // Kept here too, so the discussion reads the same offline.
    this.stores.comments.add(releaseId, actor.id, { ...input, id });
    await this.sendOrQueue(releaseId, actor, command);
    return { id };
  }

  async changeComment(id: string, actor: Actor, change: CommentChange): Promise<void> {
    const { comments } = this.stores;
    const releaseId = comments.releaseOf(id);
    if (releaseId) {
      if (change.kind === 'edit') comments.edit(id, actor.id, change.text);
      else if (change.kind === 'delete') comments.remove(id, actor.id);
      else comments.setResolved(id, actor.id, change.resolved);
    }
    await this.sendOrQueue(releaseId, actor, { method: 'teamChangeComment', input: { commandId: randomUUID(), id, change } });
  }

  /** The queue, oldest first; a release's commands wait until its offline edits have reached the server, so they act on them. */
  async replay(): Promise<void> {
    const { teamRecords, updates } = this.stores;
    for (const pending of teamRecords.pendingCommands()) {
      if (pending.releaseId && updates.unacknowledgedCount(pending.releaseId) > 0) return;
      try {
        await this.send(pending.command);
        teamRecords.settle(pending.commandId);
      } catch (error) {
        if (passes(error)) return;
        this.dropRefused(pending, error);
      }
    }
  }

  private async sendOrQueue(releaseId: string | null, actor: Actor, command: QueuedCommand): Promise<void> {
    try {
      await this.send(command);
    } catch (error) {
      if (!passes(error)) throw error;
      this.stores.teamRecords.enqueue(releaseId, actor.id, command);
    }
  }

  private async send(command: QueuedCommand): Promise<void> {
    if (command.method === 'teamReleaseAction') this.sync.adopt(await this.team.call('teamReleaseAction', command.input));
    else if (command.method === 'teamReleaseExported') this.sync.adopt(await this.team.call('teamReleaseExported', command.input));
    else if (command.method === 'teamAddComment') await this.team.call('teamAddComment', command.input);
    else await this.team.call('teamChangeComment', command.input);
  }

  /** Refused for good: dropped, with the server's reason where the person looks (the activity and the sync status). */
  private dropRefused(pending: PendingCommand, error: unknown): void {
    const { teamRecords, audit } = this.stores;
    const reason = error instanceof Error ? error.message : String(error);
    const what = describe(pending.command);
    teamRecords.settle(pending.commandId);
    if (pending.releaseId) audit.record(pending.releaseId, pending.actorId, 'team-refused', { what, reason });
    this.sync.tell(`The team server refused ${what}, made while offline: ${reason}`);
    if (pending.releaseId && pending.command.method === 'teamReleaseAction') void this.sync.refresh(pending.releaseId);
  }
}

function describe(command: QueuedCommand): string {
  if (command.method === 'teamReleaseAction') return `the action “${command.input.action}”`;
  if (command.method === 'teamReleaseExported') return 'the final export';
  if (command.method === 'teamAddComment') return 'a comment';
  return `a change to a comment (${command.input.change.kind})`;
}
