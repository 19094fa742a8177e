import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ApiFailure, type ApiError } from '@shared/api/result';

export { largestRelease, releaseContent } from './release-content';

/** A fresh data folder per test, removed afterwards; tests use the real SQLite store, never a mock. */
export function useTempDir(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
    made.push(dir);
    return dir;
  };
}

export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../../e2e/fixtures', name)));

/** The typed error a store call refused with; fails the test if it did not refuse. */
export function refusalOf(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiFailure) return error.error;
    throw error;
  }
  throw new Error('expected the store to refuse');
}
