import { join } from 'node:path';
import type { MethodName, MethodOutput, ParsedInput } from '@shared/api/contract';
import { failWith } from '@shared/api/result';
import { writeExportFile, type ExportService } from '../export/export-service';
import type { AuditLog } from '../store/audit-log';
import type { CommentStore } from '../store/comment-store';
import type { PeopleStore } from '../store/people-store';
import type { PhotoStore } from '../store/photo-store';
import type { ReleaseLifecycle } from '../store/release-lifecycle';
import type { ReleaseStore } from '../store/release-store';
import type { RevisionLog } from '../store/revision-log';
import type { DesktopServices } from './desktop-services';
import { spellCheckLanguages } from './spell-check-languages';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export interface Stores {
  people: PeopleStore;
  photos: PhotoStore;
  releases: ReleaseStore;
  lifecycle: ReleaseLifecycle;
  comments: CommentStore;
  revisions: RevisionLog;
  audit: AuditLog;
  exports: ExportService;
}

/** The contract's methods, implemented once over the stores; both IPC and HTTP dispatch here. */
export function createHandlers(
  { people, photos, releases, lifecycle, comments, revisions, audit, exports }: Stores,
  desktop: DesktopServices,
): Handlers {
  const actor = () => people.requireCurrent();
  // The renderer may write only into folders the person picked in a native dialog.
  const chosenFolders = new Set<string>();
  return {
    getSession: () => ({ person: people.current() }),
    signIn: ({ name, role }) => people.signIn(name, role),
    listPeople: () => people.list(),
    addPerson: ({ name, role }) => people.add(name, role),
    setPersonRole: ({ personId, role }) => people.setRole(personId, role),
    switchPerson: ({ personId }) => people.switchTo(personId),

    listReleases: ({ view, query }) => releases.list(view, query),
    createRelease: ({ content }) => releases.create(actor().id, content),
    getRelease: ({ id }) => releases.get(id),
    saveRelease: ({ id, baseVersion, content }) => releases.save(id, baseVersion, content, actor().id),
    duplicateRelease: ({ id }) => releases.duplicate(id, actor().id),
    trashRelease: ({ id }) => (releases.trash(id, actor().id), {}),
    restoreRelease: ({ id }) => (releases.restore(id, actor().id), {}),
    transitionRelease: ({ id, action, baseVersion, comment, reason }) => {
      lifecycle.transition(id, actor(), action, baseVersion, { comment, reason });
      return releases.get(id);
    },
    reviewQueue: () => releases.reviewQueue(),

    addPhoto: ({ bytes }) => photos.add(bytes),
    missingPhotos: ({ ids }) => ({ missing: photos.missing(ids) }),

    listComments: ({ releaseId }) => comments.list(releaseId),
    addComment: ({ releaseId, id, text, inline, quote }) => {
      try {
        return { id: comments.add(releaseId, actor().id, { id, text, inline, quote }) };
      } catch (error) {
        // The editor chooses an inline comment's id, so a call retried after its first attempt landed arrives with an id already taken.
        if (id !== undefined && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
          failWith('refused', 'A comment with this id already exists, so it was not added again.');
        throw error;
      }
    },
    editComment: ({ id, text }) => (comments.edit(id, actor().id, text), {}),
    deleteComment: ({ id }) => (comments.remove(id, actor().id), {}),
    resolveComment: ({ id, resolved }) => (comments.setResolved(id, actor().id, resolved), {}),

    listRevisions: ({ releaseId }) => revisions.list(releaseId),
    getRevision: ({ releaseId, revisionId }) => ({
      content: (revisions.get(releaseId, revisionId) ?? failWith('not-found', 'That version no longer exists.')).content,
    }),
    restoreRevision: ({ releaseId, revisionId, baseVersion }) => {
      const revision = revisions.get(releaseId, revisionId) ?? failWith('not-found', 'That version no longer exists.');
      releases.save(releaseId, baseVersion, revision.content, actor().id, {
        restoredFrom: { revisionId, recordedAt: revision.recordedAt },
      });
      return releases.get(releaseId);
    },

    listActivity: (filter) => audit.list(filter),

    renderExport: ({ id, format, options, final }) => exports.render({ id, format, options }, final),
    recordExport: ({ id, format, options, final, sha256 }) => (exports.recordDownload({ id, format, options }, final, sha256, actor()), {}),
    copyRelease: (request) => {
      // The page puts it on the clipboard; a copy is recorded as it is handed over.
      const rendered = exports.renderCurrent(request);
      exports.recordUse(request, rendered, actor(), 'copy');
      return rendered;
    },

    saveExport: async ({ final, ...request }) => {
      const file = await exports.produce(request, final, desktop.printPdf);
      const path = await desktop.chooseSavePath(file.fileName);
      if (!path) return { path: null };
      // The dialog has already asked before replacing a file.
      exports.writeAndRecord(request, file, actor(), path, { overwrite: true });
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
      if (!chosenFolders.has(folder)) failWith('refused', 'Dateline can only write into a folder you chose.');
      const file = await exports.produce(request, final, desktop.printPdf);
      exports.writeAndRecord(request, file, actor(), join(folder, file.fileName));
      return { fileName: file.fileName };
    },
    printRelease: async ({ id, options }) => {
      const request = { id, format: 'html' as const, options };
      const rendered = exports.renderCurrent(request);
      await desktop.print(rendered.content);
      exports.recordUse(request, rendered, actor(), 'print');
      return {};
    },
    setSpellCheckLanguage: ({ language }) => (desktop.setSpellCheckLanguages(spellCheckLanguages[language]), {}),
  };
}
