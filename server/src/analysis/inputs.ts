/**
 * The one builder of an analysis's inputs from disk — the lockfile tree, the locked versions, the
 * include problems, the project around the manifest (catalogs, MSBuild properties, overrides) — shared by the language server (open documents, workspace scan) and the CLI,
 * so both check a manifest against exactly the same surroundings.
 */
import type { LockedVersions, Manifest, ManifestKind } from '../model/model';
import { includeProblems, includeTarget, probeFile } from '../manifests/includes';
import { readLockedVersions } from '../manifests/lockfiles';
import { readLockTree } from '../manifests/lockfiles/lockTree';
import { type ProjectFileMemo, readProjectContext } from '../manifests/projectContext';
import { reachedAsConstraints } from './constraintsRole';
import type { LockGraphCache } from '../tree/cache';
import { treeVersionsFor } from '../tree/lockedVersions';
import type { AnalysisInput } from './analyze';

export interface ManifestOnDisk {
  /** Absolute path of the manifest; undefined for untitled documents (nothing beside them is read). */
  path: string | undefined;
  kind: ManifestKind;
  /** The manifest's current text (an open document's may differ from the file's). */
  text: string;
  /** Reads a file beside the manifest (lockfiles, constraints), cached as the adapter sees fit. */
  read(path: string): string | undefined;
  /** Parsed lockfiles shared between the manifests of one workspace. */
  trees: LockGraphCache;
  /** Parses of the files around manifests (pnpm-workspace.yaml, Directory.*.props), kept by the adapter. */
  parsedAround?: ProjectFileMemo;
  /** The workspace folder includes are followed within (none: anywhere). */
  root?: string;
  /** The requirements files that include this one, outermost first: an include back to one of them is a cycle. */
  includedFrom?: readonly string[];
  /** The file is reached through a `-c` include: a constraints file, whatever its name. */
  constraintsFile?: boolean;
}

export type DiskInputs = Pick<AnalysisInput, 'tree' | 'locked' | 'afterParse' | 'project'>;

export function inputsFromDisk(source: ManifestOnDisk): DiskInputs {
  const { path, kind, text, read, root } = source;
  if (!path) return {};
  const tree = readLockTree(path, kind, read, { cache: source.trees, manifestText: text });
  const locked = (manifest: Manifest): LockedVersions | undefined => treeVersionsFor(kind, tree) ?? readLockedVersions(path, kind, read, manifest, root);
  const chain = source.includedFrom;
  const afterParse =
    kind === 'requirements'
      ? (manifest: Manifest): Manifest['problems'] => {
          const problems = includeProblems(manifest, path, probeFile, root);
          if (!chain) return problems;
          for (const inc of manifest.includes) {
            const target = includeTarget(path, inc);
            if (target && [...chain, path].includes(target)) problems.push({ span: inc.span, message: `${inc.target} includes this file back (a cycle): pip would recurse until it fails.` });
          }
          return problems;
        }
      : undefined;
  // The CLI knows a `-c` target from the file that includes it; an editor opens it on its own.
  const constraintsFile = source.constraintsFile ?? (kind === 'requirements' && reachedAsConstraints(path, read, root, source.parsedAround));
  const project = readProjectContext(path, kind, read, { constraintsFile, root, parsed: source.parsedAround });
  return { tree, locked, afterParse, project };
}
