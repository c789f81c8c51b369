/** The only module that touches `process`: it builds the CliIo and sets the exit code. */
import { main } from './cli/main.js';

const exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
});
process.exitCode = exitCode;
