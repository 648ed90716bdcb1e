// Lint rules: typescript-eslint's recommended set; no console in code that shares a process with the multilang protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'daemon/kcl/**', 'deploy/cdk.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // stdout of the consumer belongs to the multilang protocol: nothing else may reach it.
    files: ['consumer/**/*.ts', 'common/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'stdout',
          message: 'stdout is the multilang protocol channel; only consumer/kcl/protocol-output.ts may touch it.',
        },
      ],
    },
  },
  {
    // The deliberate reroute of console.* and stdout, and the protocol writer itself.
    files: ['consumer/kcl/protocol-output.ts', 'consumer/kcl/console-guard.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
);
