// Builds the spell-check dictionaries Dateline ships, offline, from the
// Hunspell dictionaries in the npm packages dictionary-en (US) and
// dictionary-en-gb (GB), into Chromium's .bdic format.
//
// The file names are the ones Chromium asks for (GetVersionedFileName in
// components/spellcheck/common/spellcheck_common.cc). English moved from
// "-10-1" (Chromium up to ~151) to "-10-2"; Electron 45.5 is Chromium 156,
// which asks for "-10-2" (bdic.test.ts checks this against /usr/bin/chromium).
// Chromium looks for <user-data-dir>/Dictionaries/<fileName>; failing that it
// downloads `${base}${fileName.toLowerCase()}` (note: lower case), where
// Electron's session.setSpellCheckerDictionaryDownloadURL(base) sets base.
//
// Usage: node scripts/bdic/build-dictionaries.mjs [--out dist/dictionaries]
//          [--node-modules <dir holding dictionary-en and dictionary-en-gb>]
// (or BDIC_NODE_MODULES=<dir>; by default the packages resolve from the repo).

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHeader, readWords } from './read-bdic.mjs';
import { parseAff, parseDic, writeBdic } from './write-bdic.mjs';

export const DICTIONARIES = [
  { language: 'en-US', fileName: 'en-US-10-2.bdic', npmPackage: 'dictionary-en' },
  { language: 'en-GB', fileName: 'en-GB-10-2.bdic', npmPackage: 'dictionary-en-gb' },
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the dictionary packages resolve from: the repo, or BDIC_NODE_MODULES. */
function defaultFromDir() {
  const nodeModules = process.env.BDIC_NODE_MODULES;
  return nodeModules ? dirname(resolve(nodeModules)) : repoRoot;
}

/** Directory of an installed npm package, resolved from `fromDir` upwards. */
function packageDir(name, fromDir) {
  const require = createRequire(join(fromDir, 'noop.js'));
  return dirname(require.resolve(name));
}

/**
 * Converts one npm Hunspell dictionary and checks the result reads back with
 * every word and affix id intact. Returns the .bdic bytes.
 */
export function buildDictionary(npmPackage, fromDir = defaultFromDir()) {
  const dir = packageDir(npmPackage, fromDir);
  const affText = readFileSync(join(dir, 'index.aff'), 'utf8');
  const dicText = readFileSync(join(dir, 'index.dic'), 'utf8');
  const bdic = writeBdic(affText, dicText);

  readHeader(bdic); // signature, version, offsets, MD5
  const expected = parseDic(dicText, parseAff(affText));
  const actual = readWords(bdic);
  const same =
    actual.length === expected.length &&
    expected.every((e, i) => e.word.equals(actual[i].word) && e.affixes.join() === actual[i].affixes.join());
  if (!same) throw new Error(`${npmPackage}: the .bdic does not read back correctly`);
  return bdic;
}

/** Writes every dictionary into outDir. Returns the written paths. */
export function buildDictionaries({ outDir = join(repoRoot, 'dist/dictionaries'), fromDir = defaultFromDir() } = {}) {
  mkdirSync(outDir, { recursive: true });
  return DICTIONARIES.map(({ language, fileName, npmPackage }) => {
    const path = join(outDir, fileName);
    writeFileSync(path, buildDictionary(npmPackage, fromDir));
    // The word lists' licences travel with them.
    copyFileSync(join(packageDir(npmPackage, fromDir), 'license'), join(outDir, `${language}.LICENSE.txt`));
    return path;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : resolve(process.argv[i + 1]);
  };
  const nodeModules = arg('--node-modules');
  const paths = buildDictionaries({
    outDir: arg('--out'),
    fromDir: nodeModules ? dirname(nodeModules) : undefined,
  });
  for (const path of paths) console.log(`wrote ${path}`);
}
