/** Which manifest format a file is, from its name alone (the editor's language id is not enough: package.json is `json`). */
import type { ManifestKind } from '../model/model';

export function manifestKindOf(path: string): ManifestKind | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const lower = base.toLowerCase();
  if (lower === 'package.json') return 'package.json';
  if (lower === 'pyproject.toml') return 'pyproject.toml';
  if (base === 'Pipfile') return 'Pipfile';
  if (lower === 'pnpm-workspace.yaml') return 'pnpm-workspace.yaml';
  if (/\.(cs|fs|vb)proj$/.test(lower) || lower === 'directory.packages.props' || lower === 'directory.build.props') return 'msbuild';
  if (/^(.*requirements.*|constraints.*)\.(txt|in)$/.test(lower)) return 'requirements';
  if (/\.in$/.test(lower) && !/^(setup|manifest)\.in$/.test(lower)) return 'requirements'; // pip-tools inputs; MANIFEST.in is setuptools'
  if (/\/requirements\/[^/]+\.txt$/i.test(path.replace(/\\/g, '/'))) return 'requirements';
  return undefined;
}
