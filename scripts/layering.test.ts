import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder rules in eslint.config.js, checked against code that breaks them.
const eslint = new ESLint();

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => /no-restricted-(imports|globals)/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

describe('layering lint rules', () => {
  it('keep Node, Electron, SQLite, the DOM and the other folders out of shared/', async () => {
    const errors = await layeringErrors(
      'shared/release/example.ts',
      `import { readFileSync } from 'node:fs';
       import { ipcMain } from 'electron';
       import Database from 'better-sqlite3';
       import { useEditor } from '@tiptap/react';
       import { api } from '../../renderer/api';
       export const all = [readFileSync, ipcMain, Database, useEditor, api, document.title];`,
    );
    expect(errors).toHaveLength(6);
  });

  it('keep Node and the main process out of the renderer', async () => {
    const errors = await layeringErrors(
      'renderer/editor/example.ts',
      `import { join } from 'path';
       import { openBackend } from '../../electron/api/backend';
       export const all = [join, openBackend, process.env];`,
    );
    expect(errors).toHaveLength(3);
  });

  it('let only the shell import electron', async () => {
    expect(await layeringErrors('electron/store/example.ts', `import { app } from 'electron'; export const a = app;`)).toHaveLength(1);
    expect(await layeringErrors('electron/shell/example.ts', `import { app } from 'electron'; export const a = app;`)).toEqual([]);
  });
});
