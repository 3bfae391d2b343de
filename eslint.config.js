import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const viewPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'three',
  'three/*',
  '@react-three/*',
  'zustand',
  'zustand/*',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/core/**',
      'src/dynamics/**',
      'src/integrators/**',
      'src/maneuvers/**',
      'src/events/**',
      'src/constraints/**',
      'src/sim/**',
      'src/scoring/**',
      'src/scenario/**',
      'src/montecarlo/**',
      'src/collision/**',
      'src/formats/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: viewPackages,
              message: 'The physics core imports nothing from the view (see README, Architecture).',
            },
            {
              group: ['node:*', 'fs', 'path'],
              message: 'The physics core parses strings; the CLI and UI read files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/dynamics/**', 'src/integrators/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: viewPackages, message: 'The physics core imports nothing from the view.' },
            {
              group: ['mathjs', 'ml-matrix'],
              message: 'Keep library matrices out of the hot loop.',
            },
          ],
        },
      ],
    },
  },
);
