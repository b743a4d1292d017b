/** `extensionTestsPath` of the main suite: a trusted workspace (a copy of examples/). */
import { runSuites } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuites(__dirname);
}
