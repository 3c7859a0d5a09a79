/**
 * A stop that runs once however often it is called. `atExit`, when given, runs instead if Node
 * exits before the stop, so no child outlives the tests; it must be synchronous, as 'exit'
 * handlers cannot wait.
 */
export function stopOnce(stop: () => Promise<unknown>, atExit?: () => void): () => Promise<void> {
  if (atExit !== undefined) process.once('exit', atExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (atExit !== undefined) process.off('exit', atExit);
      await stop();
    })();
    return stopping;
  };
}
