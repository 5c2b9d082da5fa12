import axe from 'axe-core';

/**
 * The serious and critical axe violations in `context`, as `rule: offending html` lines, so a
 * failing test says where. Colour contrast is left to the browser tests: jsdom renders no
 * pixels. `alsoDisabled` turns off rules that do not apply to a fragment (e.g. `region`).
 */
export async function seriousViolations(
  context: Element | Document,
  alsoDisabled: readonly string[] = [],
): Promise<string[]> {
  const rules = Object.fromEntries(
    ['color-contrast', ...alsoDisabled].map((rule) => [rule, { enabled: false }]),
  );
  const result = await axe.run(context, { rules });
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}
