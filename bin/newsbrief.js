#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('newsbrief: not built yet; run `npm run build` first\n');
    process.exit(1);
  }
  throw err;
}
const code = await cli.runCli(process.argv.slice(2));
process.exitCode = code;
// Let stdout drain, but do not hang on a stray handle (keep-alive sockets, timers).
setTimeout(() => process.exit(code), 1000).unref();
