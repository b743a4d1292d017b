/** `extensionTestsPath` of the workspace-trust suite: the same workspace, opened untrusted. */
import { runSuites } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuites(__dirname);
}
