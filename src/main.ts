import { runCli } from './cli.js';
import type { ImportModule } from './engine/config/load-plugins.js';

// The bundled CLI runs in a vm.Script (for its code cache), where `import()` has no loader: the ES
// module that starts it (dist/cli.js) passes its own as `__trustlintImport`.
declare const __trustlintImport: ImportModule | undefined;
const importModule: ImportModule = typeof __trustlintImport === 'function' ? __trustlintImport : (url) => import(url);

// `trustlint | head` closes the pipe early: not an error worth a stack trace. Any other failure to
// write the report is exit 2, also without one (stderr may be the stream that failed).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// The process entry: everything testable lives in runCli.
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  readStdin,
  importModule,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`trustlint: internal error: ${(error as Error).message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
