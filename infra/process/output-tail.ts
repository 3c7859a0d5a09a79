import type { Readable } from 'node:stream';

/**
 * Keeps the last lines a child process printed, for error messages. Reading also drains the pipes:
 * a child whose stdout pipe is never read blocks once the pipe buffer is full.
 */
export function collectOutputTail(streams: readonly (Readable | null)[], maxLines = 40): () => string {
  const lines: string[] = [];
  const partial = new Map<Readable, string>();
  for (const stream of streams) {
    if (stream === null) continue;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = ((partial.get(stream) ?? '') + chunk).split('\n');
      partial.set(stream, parts.pop() ?? '');
      lines.push(...parts.filter((line) => line.trim() !== ''));
      if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
    });
  }
  return () => [...lines, ...[...partial.values()].filter((line) => line.trim() !== '')].join('\n');
}
