/**
 * Registers the trigger-condition compiler (src/events/expression.ts) for every unit test, as
 * the app's simulation worker does by importing it: validating and running scenarios with `when`
 * triggers need it. The command line's lazy loading of it is tested in test/cli/cli.test.ts, on
 * the built command line.
 */

import '../../src/events/expression.ts';
