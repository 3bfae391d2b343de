/**
 * Loads the trigger-expression parser (src/events/expression.ts, built on mathjs) only for
 * scenarios that need it. Validating or running a scenario with a `when` trigger needs the
 * parser registered (src/events/conditions.ts); loading mathjs costs more than the whole run of
 * most scenarios, so the command line and the library's lazy paths load it only then.
 */

/**
 * Whether a parsed JSON value has a `when` key anywhere (so validating it compiles a trigger
 * condition). Looks at every object, not only at maneuvers, so that it also holds for values
 * that are not valid scenarios; iterative, so deep nesting cannot overflow the stack.
 */
export function mentionsTrigger(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    if (Object.hasOwn(v, 'when')) return true;
    for (const item of Object.values(v)) stack.push(item);
  }
  return false;
}

/**
 * Loads the expression parser when the scenario (JSON text, or an already parsed value) has a
 * trigger; text that is not JSON needs no parser (validation stops at the syntax error).
 */
export async function loadExpressionParserFor(scenario: unknown): Promise<void> {
  let value = scenario;
  if (typeof scenario === 'string') {
    try {
      // a UTF-8 byte-order mark is accepted by the loader, so it is skipped here too
      value = JSON.parse(scenario.replace(/^\uFEFF/, ''));
    } catch {
      return;
    }
  }
  if (mentionsTrigger(value)) await import('../events/expression.ts');
}
