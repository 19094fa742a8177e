// npm run bench: keystroke-to-DOM latency of the release editor next to bare
// ProseMirror and a plain contenteditable, in one Chromium run; writes BENCHMARKS.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { JSONContent } from '@tiptap/core';
import { openBackend } from '../electron/api/backend';
import { openDatabase } from '../electron/store/database';
import { startWebHost } from '../electron/web/host';
import { emptyReleaseContent } from '@shared/release/content';
import { installLatencyProbe, measureTyping, summarise } from './keystroke-latency';
import { benchmarkExport, type ExportPhase } from './export';
import { benchmarkSearch, type SearchResult } from './search';

const sizes = [1_000, 50_000];
const warmUpKeys = 20;
const typed = 'The authority confirmed the figures this morning and will publish the full report next week. '.repeat(3);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const vocabulary = 'port authority minister statement budget harbour quay vessel container berth capacity schedule council report figures growth city media office public'.split(' ');

/** Paragraphs of twenty words, deterministic, adding up to the word count. */
function paragraphsOf(words: number): string[] {
  const paragraphs: string[] = [];
  for (let made = 0; made < words; made += 20) {
    const count = Math.min(20, words - made);
    paragraphs.push(Array.from({ length: count }, (_, index) => vocabulary[(made + index * 7) % vocabulary.length]).join(' ') + '.');
  }
  return paragraphs;
}

const docOf = (paragraphs: string[]): JSONContent => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

async function focusEnd(page: Page): Promise<void> {
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
}

interface Row {
  words: number;
  editor: string;
  median: number;
  p95: number;
  count: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
  const backend = openBackend(join(dataDir, 'dateline.sqlite3'));
  const host = await startWebHost({ backend, staticDir: join(import.meta.dirname, '../renderer') });
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const rows: Row[] = [];
  try {
    await backend.handlers.signIn({ name: 'Benchmark' });
    for (const words of sizes) {
      const paragraphs = paragraphsOf(words);
      const release = await backend.handlers.createRelease({ content: { ...emptyReleaseContent(), headline: `${words} words`, body: docOf(paragraphs) as never } });

      const measure = async (editor: string, open: (page: Page) => Promise<void>) => {
        const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
        await open(page);
        await focusEnd(page);
        await installLatencyProbe(page);
        const samples = await measureTyping(page, typed, warmUpKeys);
        rows.push({ words, editor, ...summarise(samples) });
        console.log(`${String(words).padStart(6)} words  ${editor.padEnd(24)} median ${summarise(samples).median.toFixed(2)} ms  p95 ${summarise(samples).p95.toFixed(2)} ms`);
        await page.close();
      };

      await measure('Dateline release editor', async (page) => {
        await page.goto(host.url);
        await page.evaluate((id) => (window.location.hash = `#/release/${id}`), release.id);
        await page.getByRole('textbox', { name: 'Body' }).waitFor();
        await page.getByText(`${words} words`, { exact: false }).first().waitFor();
      });
      await measure('bare ProseMirror', async (page) => {
        await page.setContent('<!doctype html><meta charset="utf-8"><style>.bench-page{width:650px;margin:40px auto;font:17px/1.65 Georgia,serif;white-space:pre-wrap}</style>');
        await page.addScriptTag({ path: join(import.meta.dirname, 'peers.js') });
        await page.evaluate((doc) => (window as unknown as { mountProseMirror: (doc: unknown) => void }).mountProseMirror(doc), docOf(paragraphs));
      });
      await measure('plain contenteditable', async (page) => {
        await page.setContent('<!doctype html><meta charset="utf-8"><style>.bench-page{width:650px;margin:40px auto;font:17px/1.65 Georgia,serif}</style>');
        await page.addScriptTag({ path: join(import.meta.dirname, 'peers.js') });
        await page.evaluate((text) => (window as unknown as { mountContentEditable: (text: string[]) => void }).mountContentEditable(text), paragraphs);
      });
    }
  } finally {
    await browser.close();
    await host.close();
    backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const searchDir = mkdtempSync(join(tmpdir(), 'dateline-bench-search-'));
  const searchDb = openDatabase(join(searchDir, 'dateline.sqlite3'));
  const search = benchmarkSearch(searchDb, 5_000);
  searchDb.close();
  rmSync(searchDir, { recursive: true, force: true });
  for (const timing of search.timings) {
    console.log(`search ${search.releases} releases for ${timing.query}: FTS5 ${timing.ftsMedianMs.toFixed(2)} ms, LIKE scan ${timing.likeMedianMs.toFixed(2)} ms`);
  }

  const exports = benchmarkExport();
  for (const phase of exports) console.log(`export ${phase.releases} releases with ${phase.phase}: ${phase.perSecond.toFixed(0)} per second, peak ${phase.maxRssMiB.toFixed(0)} MiB`);

  writeFileSync(join(import.meta.dirname, '../../BENCHMARKS.md'), report(rows, browser.version(), search, exports));
  console.log('Wrote BENCHMARKS.md');
}

function report(rows: Row[], chromiumVersion: string, search: SearchResult, exports: ExportPhase[]): string {
  const find = (words: number, editor: string) => rows.find((row) => row.words === words && row.editor === editor)!;
  const ms = (value: number) => value.toFixed(2);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; the figures below are from its latest run. Each target is a ratio against a peer measured in the same run, so the machine cancels out.',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; headless Chromium ${chromiumVersion}; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Keystroke to DOM in the body',
    '',
    `How: ${typed.length} characters typed at the end of the body (Playwright, 25 ms apart; the first ${warmUpKeys} keys are warm-up and not counted). For each key, the time from the keydown event until every handler has run (ProseMirror's DOM update, React's commit, autosave's scheduling) and the page is laid out. The release editor is the whole app in browser mode with autosave running; bare ProseMirror has the same schema, history and base keymap; the contenteditable holds the same paragraphs. Target: the release editor within 1.3× of bare ProseMirror at 50,000 words, median and p95.`,
    '',
    '| body | editor | median (ms) | p95 (ms) | median ratio to ProseMirror | p95 ratio to ProseMirror |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const words of sizes) {
    const peer = find(words, 'bare ProseMirror');
    for (const editor of ['Dateline release editor', 'bare ProseMirror', 'plain contenteditable']) {
      const row = find(words, editor);
      lines.push(`| ${words.toLocaleString('en')} words | ${editor} | ${ms(row.median)} | ${ms(row.p95)} | ${(row.median / peer.median).toFixed(2)}× | ${(row.p95 / peer.p95).toFixed(2)}× |`);
    }
  }
  const ours = find(50_000, 'Dateline release editor');
  const peer = find(50_000, 'bare ProseMirror');
  const medianRatio = ours.median / peer.median;
  const p95Ratio = ours.p95 / peer.p95;
  lines.push('', `At 50,000 words: median ${medianRatio.toFixed(2)}×, p95 ${p95Ratio.toFixed(2)}× bare ProseMirror — target 1.3× ${medianRatio <= 1.3 && p95Ratio <= 1.3 ? 'met' : 'NOT met'}.`, '');
  lines.push(
    '## Release search',
    '',
    `How: ${search.releases.toLocaleString('en')} releases of about 300 words each in one database, each search run 25 times in the store (median). The list's search (FTS5 through ReleaseStore.list, loading the rows the list shows) next to the naive peer, a LIKE scan over the stored JSON returning the same rows. Target: well under 100 ms on thousands of releases.`,
    '',
    '| search for | matches | FTS5, Dateline (ms) | LIKE scan (ms) | ratio to LIKE scan |',
    '| --- | --- | --- | --- | --- |',
    ...search.timings.map((timing) => `| ${timing.query} | ${timing.matches} | ${ms(timing.ftsMedianMs)} | ${ms(timing.likeMedianMs)} | ${(timing.ftsMedianMs / timing.likeMedianMs).toFixed(3)}× |`),
    '',
  );
  const phase = (name: string) => exports.find((entry) => entry.phase === name)!;
  const htmlRatio = phase('dateline-html').perSecond / phase('tiptap-generateHTML').perSecond;
  const textRatio = phase('dateline-text').perSecond / phase('tiptap-generateText').perSecond;
  lines.push(
    '## Export throughput',
    '',
    `How: ${phase('dateline-html').releases.toLocaleString('en')} different releases of about 350 words (the golden-file samples, lengthened), each phase in a fresh Node process after 100 warm-up releases; peak memory is that process's maxRSS. Dateline's HTML is the whole self-contained file (head, styles, header, embedded photos, footer); generateHTML (@tiptap/html, server entry) renders the body alone. Target: Dateline's HTML export at least 3× the throughput of generateHTML.`,
    '',
    '| exporter | releases per second | ratio to TipTap | peak memory (MiB) |',
    '| --- | --- | --- | --- |',
    `| Dateline HTML file | ${phase('dateline-html').perSecond.toFixed(0)} | ${htmlRatio.toFixed(2)}× | ${phase('dateline-html').maxRssMiB.toFixed(0)} |`,
    `| @tiptap/html generateHTML | ${phase('tiptap-generateHTML').perSecond.toFixed(0)} | 1.00× | ${phase('tiptap-generateHTML').maxRssMiB.toFixed(0)} |`,
    `| Dateline plain text | ${phase('dateline-text').perSecond.toFixed(0)} | ${textRatio.toFixed(2)}× | ${phase('dateline-text').maxRssMiB.toFixed(0)} |`,
    `| @tiptap/core generateText | ${phase('tiptap-generateText').perSecond.toFixed(0)} | 1.00× | ${phase('tiptap-generateText').maxRssMiB.toFixed(0)} |`,
    '',
    `HTML export: ${htmlRatio.toFixed(2)}× generateHTML — target 3× ${htmlRatio >= 3 ? 'met' : 'NOT met'}.`,
    '',
  );
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
