import { describe, expect, it } from 'vitest';
import type { OffenderExplanation } from '../runner/offender-explanation.ts';
import { offenderTableHtml } from './offender-table-html.ts';

const hostile: OffenderExplanation = {
  verdict: 'diverged',
  entity: 'crm company:<script>1</script>',
  source: { version: 3, name: 'A & B "LLC"' },
  cache: null,
  history: [{ topic: 'crm.<cards>', position: 1, at: 2_500, faults: ['duplicate'] }],
  faults: [],
};

describe('offender table in the HTML report', () => {
  const html = offenderTableHtml([hostile]);

  it('shows each offender with both sides, its messages and its faults', () => {
    expect(html).toContain('<table id="offenders">');
    expect(html).toContain('<td class="fail">diverged</td>');
    expect(html).toContain('<td>version=3 name=A &amp; B &quot;LLC&quot;</td><td>none</td>');
    expect(html).toContain('<li>2.5 s  crm.&lt;cards&gt; #1  hit: duplicate</li>');
  });

  it('escapes everything the run put in it', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('crm company:&lt;script&gt;1&lt;/script&gt;');
  });

  it('is empty for a run without offenders', () => {
    expect(offenderTableHtml(undefined)).toBe('');
    expect(offenderTableHtml([])).toBe('');
  });
});
