import { runAction } from './run-action.js';

// The Action's entry (action.yml `runs.main`), bundled into action/dist/index.mjs by scripts/build.mjs.
runAction(process.env, {
  cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: false,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stdout.write(`::error title=trustlint::internal error: ${(error as Error).message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
