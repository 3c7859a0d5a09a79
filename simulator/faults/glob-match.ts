/**
 * Globs for rule matches: `*` stands for any run of characters except `/`, `**` for any run
 * including `/`, `?` for one character. So `/abs/api/v1/organisations/*` matches one
 * organisation but not its accounts, and `/abs/**` matches everything under /abs.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const compiled = new Map<string, RegExp>();

/** Whether `text` matches `glob`; compiled globs are cached since rules are few and hot. */
export function globMatches(glob: string, text: string): boolean {
  let pattern = compiled.get(glob);
  if (!pattern) {
    pattern = globToRegExp(glob);
    compiled.set(glob, pattern);
  }
  return pattern.test(text);
}
