import type { Clock } from '../../infra/clock.ts';

/** Books postings at a steady rate on the given clock until stopped: the background traffic of `corebridge up`. */
export function startPostingTraffic(
  book: (count: number) => void,
  postingsPerSecond: number,
  clock: Clock,
): { stop(): void } {
  const start = clock.now();
  let booked = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((clock.now() - start) / 1000) * postingsPerSecond);
    book(due - booked);
    booked = due;
  }, 100);
  return { stop: () => clearInterval(timer) };
}
