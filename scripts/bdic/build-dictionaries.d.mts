// Types for build-dictionaries.mjs (used by bdic.test.ts).
export declare const DICTIONARIES: ReadonlyArray<{ language: string; fileName: string; npmPackage: string }>;
export declare function buildDictionary(npmPackage: string, fromDir?: string): Buffer;
export declare function buildDictionaries(options?: { outDir?: string; fromDir?: string }): string[];
