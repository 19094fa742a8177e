import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface ExportPhase {
  phase: string;
  releases: number;
  ms: number;
  perSecond: number;
  outputChars: number;
  maxRssMiB: number;
}

/** Dateline's exporters and TipTap's own generators on the same thousand releases, each in a fresh process. */
export function benchmarkExport(): ExportPhase[] {
  const worker = join(import.meta.dirname, 'export-worker.mjs');
  return ['dateline-html', 'tiptap-generateHTML', 'dateline-text', 'tiptap-generateText'].map(
    (phase) => JSON.parse(execFileSync(process.execPath, [worker, phase], { encoding: 'utf8' })) as ExportPhase,
  );
}
