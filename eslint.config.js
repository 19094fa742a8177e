import { builtinModules } from 'node:module';
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Where code runs is where it lives; these rules fail the build on an import across that line.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodeOnly = {
  paths: [...nodeBuiltins, 'electron', 'better-sqlite3'].map((name) => ({
    name,
    message: 'Bad layering: this folder also runs in the renderer, which has no Node or Electron.',
  })),
};
const layer = (patterns) => patterns.map(([group, message]) => ({ group, message }));

export default tseslint.config(
  { ignores: ['dist/**', 'release-builds/**', 'node_modules/**', '.electron-native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
    },
  },
  // Prettier lays the code out (printWidth 140); this catches what it cannot wrap: comments and long lines of code.
  prettier,
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        { code: 150, comments: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    // Tests run only under Node and may read fixtures from disk.
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...nodeOnly,
          patterns: layer([
            [['**/electron/**', '**/renderer/**'], 'Bad layering: shared/ imports nothing from electron/ or renderer/.'],
            [['react', 'react-dom', 'react-dom/*', '@tiptap/react'], 'Bad layering: shared/ has no UI; it must run under plain Node.'],
          ]),
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // Tests run under Node against the real store.
    ignores: ['renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...nodeOnly,
          patterns: layer([[['**/electron/**'], 'Bad layering: the renderer reaches the main process only through the API contract.']]),
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Bad layering: only electron/shell/ imports electron; the rest must run under plain Node.' },
          ],
          patterns: layer([
            [['**/renderer/**', '**/shell/**'], 'Bad layering: main-process logic does not reach into the renderer or the Electron shell.'],
          ]),
        },
      ],
    },
  },
  {
    files: ['electron/shell/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layer([[['**/renderer/**'], 'Bad layering: the shell talks to the renderer only over IPC.']]) },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}', '**/*.test.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
