// Lint rules for the whole project: typescript-eslint's recommended set, React's hook rules for the
// renderer, and a limit on function length so that no component or reader grows past what one reads at once.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', '.vite/', 'test-results/', 'playwright-report/', 'release/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines-per-function': [
        'error',
        { max: 100, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // A test file's describe() holds many cases; its length is the number of cases, not one function's.
    files: ['test/**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'max-lines-per-function': 'off' },
  },
);
