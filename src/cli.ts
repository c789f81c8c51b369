/** The only module that touches `process`: it builds the CliIo and sets the exit code. */
import { main } from './cli/main.js';

/**
 * Writes to a standard stream until its reader goes away. A reader that stops early
 * (`agentops-lint rules | head`) closes the pipe: what is left has nowhere to go, and that is no
 * error worth a stack trace. The run still ends with its own exit code.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text);
  };
}

const exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: writerTo(process.stdout),
  stderr: writerTo(process.stderr),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdio: () => ({ input: process.stdin, output: process.stdout }),
});
process.exitCode = exitCode;
