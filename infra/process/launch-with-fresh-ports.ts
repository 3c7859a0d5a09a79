/** A port taken between our probe and the child's bind is retried with new ports, this many times. */
export const PORT_ATTEMPTS = 3;

/**
 * Launches until an attempt keeps its ports. Free ports are only probed, so another process may
 * bind one before the child does; the launch then reports 'PORT_TAKEN' and is tried with new ones.
 */
export async function launchWithFreshPorts<T>(
  launch: () => Promise<T | 'PORT_TAKEN'>,
  exhausted: (attempts: number) => Error,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const launched = await launch();
    if (launched !== 'PORT_TAKEN') return launched;
    if (attempt === PORT_ATTEMPTS) throw exhausted(PORT_ATTEMPTS);
  }
}
