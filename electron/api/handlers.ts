import { join } from 'node:path';
import type { HistoryCheck } from '@shared/api/activity';
import type { MethodName, MethodOutput, ParsedInput } from '@shared/api/contract';
import { failWith } from '@shared/api/result';
import type { TeamPerson } from '@shared/api/team';
import { nameKey } from '@shared/people/names';
import type { StoreCareMethod } from '@shared/api/store-care';
import { writeExportFile, type ExportService } from '../export/export-service';
import type { AuditLog } from '../store/audit-log';
import type { CommentStore } from '../store/comment-store';
import type { PeopleStore } from '../store/people-store';
import type { PhotoStore } from '../store/photo-store';
import type { ReleaseLifecycle } from '../store/release-lifecycle';
import type { ReleaseStore } from '../store/release-store';
import type { ReleaseUpdateLog } from '../store/release-updates';
import type { RevisionLog } from '../store/revision-log';
import type { ReleaseDocuments } from '../team/release-documents';
import type { TeamRecords } from '../store/team-records';
import type { TeamLink } from '../team/team-link';
import type { TeamSync } from '../team/team-sync';
import type { TeamWorkflow } from '../team/team-workflow';
import type { DesktopServices } from './desktop-services';
import { spellCheckLanguages } from './spell-check-languages';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };
/** What an open database answers; the backend adds its own care (health, backups, recovery), which works without one. */
export type StoreHandlers = Omit<Handlers, StoreCareMethod>;

export interface Stores {
  people: PeopleStore;
  photos: PhotoStore;
  releases: ReleaseStore;
  lifecycle: ReleaseLifecycle;
  comments: CommentStore;
  revisions: RevisionLog;
  audit: AuditLog;
  /** Collaborative releases' Yjs documents as logged on disk, and the documents themselves while in use. */
  updates: ReleaseUpdateLog;
  documents: ReleaseDocuments;
  teamRecords: TeamRecords;
  exports: ExportService;
  /** The check of the chained history, made the first time it is asked for (at open, by openBackend). */
  historyCheck: () => HistoryCheck;
}

/** The contract's methods, implemented once over the stores; both IPC and HTTP dispatch here. */
export function createHandlers(
  { people, photos, releases, lifecycle, comments, revisions, audit, exports, historyCheck, updates, documents }: Stores,
  desktop: DesktopServices,
  team: TeamLink,
  sync: TeamSync,
  workflow: TeamWorkflow,
): StoreHandlers {
  const actor = () => people.requireCurrent();
  /** The team person is who is at the keyboard: the local person of that name, found or added, with the team's role. */
  const adoptTeamPerson = ({ name, role }: TeamPerson) => {
    const current = people.current();
    if (current && nameKey(current.name) === nameKey(name) && current.role === role) return current;
    const local = people.signIn(name, role);
    return local.role === role ? local : people.setRole(local.id, role);
  };
  const localPerson = () => {
    const teamPerson = team.signedInAs();
    return teamPerson ? adoptTeamPerson(teamPerson) : people.current();
  };
  const refuseWhileTeamSignedIn = () => {
    const teamPerson = team.signedInAs();
    if (teamPerson)
      failWith(
        'refused',
        `${teamPerson.name} is signed in to the team server, so Dateline records everything here as theirs. To work as someone else, sign out in Team server first.`,
      );
  };
  /** A comment on a collaborative release, or one only the team server has, is changed there; any other here. */
  const changeComment = async (id: string, change: Parameters<TeamWorkflow['changeComment']>[2]) => {
    const releaseId = comments.releaseOf(id);
    if (releaseId && !documents.isCollaborative(releaseId)) {
      if (change.kind === 'edit') comments.edit(id, actor().id, change.text);
      else if (change.kind === 'delete') comments.remove(id, actor().id);
      else comments.setResolved(id, actor().id, change.resolved);
      return;
    }
    if (!releaseId && !team.signedInAs()) failWith('not-found', 'That comment no longer exists.');
    await workflow.changeComment(id, actor(), change);
  };
  /** After a final file of a team release was written: the server marks it Released too. */
  const releasedOnTheTeam = async (id: string, final: boolean) => {
    if (final && documents.isCollaborative(id)) await workflow.exported(id, actor());
  };
  /** Whatever reads a release's snapshot first gets the words its document holds now. */
  const flushIfCollaborative = (id: string) => {
    if (documents.isCollaborative(id)) documents.flush(id);
  };
  /**
   * Before what uses the words themselves (an export, a copy, a print, a
   * duplicate): a document this version cannot read has only its last readable
   * snapshot here, which is not the release, so that is refused with the reason.
   */
  const requireReadable = (id: string) => {
    flushIfCollaborative(id);
    const reason = documents.isCollaborative(id) ? documents.unreadable(id) : null;
    if (reason) failWith('refused', reason);
  };
  // The renderer may write only into folders the person picked in a native dialog.
  const chosenFolders = new Set<string>();
  return {
    getSession: () => ({ person: localPerson() }),
    signIn: ({ name, role }) => (refuseWhileTeamSignedIn(), people.signIn(name, role)),
    listPeople: () => people.list(),
    addPerson: ({ name, role }) => people.add(name, role),
    setPersonRole: ({ personId, role }) => {
      const teamPerson = team.signedInAs();
      // The team server decides what the signed-in person may do; a local role would be overwritten at the next status check anyway.
      if (teamPerson && people.current()?.id === personId)
        failWith('refused', `${teamPerson.name}’s role is set on the team server while they are signed in to it.`);
      return people.setRole(personId, role);
    },
    switchPerson: ({ personId }) => (refuseWhileTeamSignedIn(), people.switchTo(personId)),

    teamConnection: async () => {
      const connection = await team.status();
      // The server may have changed the person's role since; the local person follows it.
      if (connection.status.state === 'connected') adoptTeamPerson(connection.status.person);
      sync.ensureRunning();
      return connection;
    },
    connectTeam: async ({ address, name, password }) => {
      const person = await team.connect(address, name, password, adoptTeamPerson);
      sync.ensureRunning();
      return { connection: await team.status(), person };
    },
    disconnectTeam: async () => {
      sync.stop();
      return team.disconnect();
    },
    teamPeople: (input) => team.call('listPeople', input),
    teamAddPerson: (input) => team.call('addPerson', input),
    teamSetRole: (input) => team.call('setRole', input),
    teamSetDisabled: (input) => team.call('setDisabled', input),
    teamSessions: (input) => team.call('listSessions', input),
    teamRevokeSession: (input) => team.call('revokeSession', input),
    teamAudit: (input) => team.call('listTeamAudit', input),

    listReleases: ({ view, query }) => releases.list(view, query),
    createRelease: ({ id, content }) => {
      if (!team.signedInAs()) return releases.create(actor().id, content, {}, id);
      // Made while signed in, a release is the team's from birth: its document is seeded here, once.
      if (id && documents.isCollaborative(id)) return releases.get(id);
      return updates.atomically(() => {
        const created = releases.create(actor().id, content, {}, id);
        documents.seed(created.id, created.content);
        return releases.get(created.id);
      });
    },
    getRelease: ({ id }) => (flushIfCollaborative(id), releases.get(id)),
    saveRelease: ({ id, baseVersion, content }) => {
      if (documents.isCollaborative(id))
        failWith(
          'refused',
          'This release is shared with the team, so its words are saved as they are typed, not as a whole. Open it again to go on.',
        );
      return releases.save(id, baseVersion, content, actor().id);
    },
    duplicateRelease: ({ id }) => (requireReadable(id), releases.duplicate(id, actor().id)),
    trashRelease: ({ id }) => (releases.trash(id, actor().id), {}),
    restoreRelease: ({ id }) => (releases.restore(id, actor().id), {}),
    transitionRelease: ({ id, action, baseVersion, comment, reason }) => {
      if (documents.isCollaborative(id)) return workflow.transition(id, actor(), action, baseVersion, { comment, reason });
      lifecycle.transition(id, actor(), action, baseVersion, { comment, reason });
      return releases.get(id);
    },
    reviewQueue: () => releases.reviewQueue(),

    addPhoto: ({ bytes }) => photos.add(bytes),
    missingPhotos: ({ ids }) => ({ missing: photos.missing(ids) }),

    listComments: ({ releaseId }) => (documents.isCollaborative(releaseId) ? workflow.listComments(releaseId) : comments.list(releaseId)),
    addComment: ({ releaseId, id, text, inline, quote }) =>
      documents.isCollaborative(releaseId)
        ? workflow.addComment(releaseId, actor(), { id, text, inline, quote })
        : { id: comments.add(releaseId, actor().id, { id, text, inline, quote }) },
    editComment: async ({ id, text }) => (await changeComment(id, { kind: 'edit', text }), {}),
    deleteComment: async ({ id }) => (await changeComment(id, { kind: 'delete' }), {}),
    resolveComment: async ({ id, resolved }) => (await changeComment(id, { kind: 'resolve', resolved }), {}),

    listRevisions: ({ releaseId }) => revisions.list(releaseId),
    getRevision: ({ releaseId, revisionId }) => ({
      content: (revisions.get(releaseId, revisionId) ?? failWith('not-found', 'That version no longer exists.')).content,
    }),
    restoreRevision: ({ releaseId, revisionId, baseVersion }) => {
      const revision = revisions.get(releaseId, revisionId) ?? failWith('not-found', 'That version no longer exists.');
      const restoredFrom = { revisionId, recordedAt: revision.recordedAt };
      if (documents.isCollaborative(releaseId)) {
        // Into the document as edits, so everyone who has the release open receives the restored words.
        documents.replaceContent(releaseId, revision.content, actor(), { restoredFrom });
        return releases.get(releaseId);
      }
      releases.save(releaseId, baseVersion, revision.content, actor().id, { restoredFrom });
      return releases.get(releaseId);
    },

    listActivity: (filter) => audit.list(filter),
    historyCheck: () => historyCheck(),

    renderExport: ({ id, format, options, final }) => (requireReadable(id), exports.render({ id, format, options }, final)),
    recordExport: async ({ id, format, options, final, sha256 }) => {
      exports.recordDownload({ id, format, options }, final, sha256, actor());
      await releasedOnTheTeam(id, final);
      return {};
    },
    copyRelease: (request) => {
      requireReadable(request.id);
      // The page puts it on the clipboard; a copy is recorded as it is handed over.
      const rendered = exports.renderCurrent(request);
      exports.recordUse(request, rendered, actor(), 'copy');
      return rendered;
    },

    saveExport: async ({ final, ...request }) => {
      requireReadable(request.id);
      const file = await exports.produce(request, final, desktop.printPdf);
      const path = await desktop.chooseSavePath(file.fileName);
      if (!path) return { path: null };
      // The dialog has already asked before replacing a file.
      exports.writeAndRecord(request, file, actor(), path, { overwrite: true });
      await releasedOnTheTeam(request.id, final);
      return { path };
    },
    saveBytesAs: async ({ suggestedName, bytes }) => {
      const path = await desktop.chooseSavePath(suggestedName);
      if (path) writeExportFile(path, bytes, { overwrite: true });
      return { path };
    },
    chooseExportFolder: async () => {
      const folder = await desktop.chooseFolder();
      if (folder) chosenFolders.add(folder);
      return { folder };
    },
    exportIntoFolder: async ({ folder, final, ...request }) => {
      requireReadable(request.id);
      if (!chosenFolders.has(folder)) failWith('refused', 'Dateline can only write into a folder you chose.');
      const file = await exports.produce(request, final, desktop.printPdf);
      exports.writeAndRecord(request, file, actor(), join(folder, file.fileName));
      await releasedOnTheTeam(request.id, final);
      return { fileName: file.fileName };
    },
    printRelease: async ({ id, options }) => {
      requireReadable(id);
      const request = { id, format: 'html' as const, options };
      const rendered = exports.renderCurrent(request);
      await desktop.print(rendered.content);
      exports.recordUse(request, rendered, actor(), 'print');
      return {};
    },
    openReleaseDoc: ({ id }) => {
      if (!documents.isCollaborative(id)) return (releases.get(id), { collaborative: false });
      return { collaborative: true, update: documents.state(id) };
    },
    pushReleaseUpdate: ({ id, update }) => (documents.push(id, update, actor()), {}),
    pullReleaseUpdate: ({ id, stateVector, awareness, waitMs }) => documents.pull(id, stateVector, awareness, waitMs),
    syncStatus: () => sync.status(),
    setSpellCheckLanguage: ({ language }) => (desktop.setSpellCheckLanguages(spellCheckLanguages[language]), {}),
  };
}
