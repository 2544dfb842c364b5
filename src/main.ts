import { runCli } from './cli.js';

// `trustlint | head` closes the pipe early: not an error worth a stack trace. Any other failure to
// write the report is exit 2, also without one (stderr may be the stream that failed).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
}

// The process entry: everything testable lives in runCli.
const code = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true,
  env: process.env,
});
process.exitCode = code;
