/**
 * The `manifestGuard` settings as the server sees them. The server pulls them through
 * `workspace/configuration`; the middleware here adjusts each answer for two editor-side facts,
 * so the server needs no VS Code-specific logic:
 * - the allowlist combines user, workspace and folder values instead of letting one override the
 *   others (a user's personal trust list must not vanish in a workspace that has its own);
 * - an untrusted workspace is offline, whatever its settings say.
 */
import { ConfigurationTarget, Uri, workspace, type WorkspaceConfiguration } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SECTION = 'manifestGuard';

type Inspected = ReturnType<WorkspaceConfiguration['inspect']>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Default, user, workspace and folder entries, in that order, each once. */
export function combineAllowlists(inspected: Inspected): string[] {
  if (!inspected) return [];
  const all = [inspected.defaultValue, inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].flatMap(strings);
  return [...new Set(all)];
}

/** The section with the editor-side adjustments applied; `scopeUri` selects folder settings. */
export function effectiveSettings(section: object, scopeUri?: string): Record<string, unknown> {
  const scope = scopeUri ? Uri.parse(scopeUri) : undefined;
  const allowlist = combineAllowlists(workspace.getConfiguration(SECTION, scope).inspect('allowlist'));
  const offline = (section as { offline?: unknown }).offline === true || !workspace.isTrusted;
  return { ...section, allowlist, offline };
}

export const settingsMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const answers = await next(params, token);
      if (!Array.isArray(answers)) return answers; // a ResponseError: pass it on
      return answers.map((answer: unknown, i) => {
        const item = params.items[i];
        if (item?.section !== SECTION || typeof answer !== 'object' || answer === null) return answer;
        return effectiveSettings(answer, item.scopeUri);
      });
    },
  },
};

/** Adds `entry` to the workspace allowlist (the user list when no folder is open); true if it was added. */
export async function addToWorkspaceAllowlist(entry: string): Promise<boolean> {
  const config = workspace.getConfiguration(SECTION);
  const hasWorkspace = (workspace.workspaceFolders?.length ?? 0) > 0;
  const inspected = config.inspect('allowlist');
  const current = strings(hasWorkspace ? inspected?.workspaceValue : inspected?.globalValue);
  if (current.includes(entry)) return false;
  await config.update('allowlist', [...current, entry], hasWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global);
  return true;
}
