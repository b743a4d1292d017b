/**
 * `dependency-confusion`, with registry facts, for pyproject.toml and Pipfile: the project declares
 * a package index besides PyPI (a uv index, a Poetry or PDM source, a Pipfile [[source]]), and a
 * dependency that PyPI does not have — so a private one — is not tied to that index (uv
 * `[tool.uv.sources] name = { index = … }`, Poetry `source = …`, Pipfile `index = …`). Whoever
 * registers its name on PyPI is then a candidate the tool may pick, now or after a config change.
 */
import { QUOTED_MAX, shorten } from '../model/shorten';
import { cachedNote } from './registryFacts';
import type { RawFinding, Rule, RuleContext } from './types';

const INDEX_KINDS = new Set(['index', 'index-url', 'extra-index-url']);
const PUBLIC_INDEX = /^https?:\/\/(?:pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)(?:\/|$)/i;

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  const { manifest } = ctx;
  if (!view || view.pypiIndexIsPublic !== true || (manifest.kind !== 'pyproject.toml' && manifest.kind !== 'Pipfile')) return [];
  const other = manifest.sources.find((s) => INDEX_KINDS.has(s.kind) && !PUBLIC_INDEX.test(s.value.trim()));
  if (!other) return [];
  const index = shorten(other.name ?? other.value, QUOTED_MAX);
  const out: RawFinding[] = [];
  for (const dep of manifest.dependencies) {
    if (dep.source !== 'registry' || dep.index !== undefined) continue;
    const facts = view.factsFor(dep);
    if (facts?.state !== 'not-found') continue;
    const name = shorten(dep.name, QUOTED_MAX);
    out.push({
      span: dep.nameSpan,
      package: dep.name,
      dependency: dep,
      message: `${name} is not on ${facts.source}, so it comes from ${index}, but nothing ties it to that index: whoever registers ${name} on ${facts.source} becomes a candidate. Tie it to its index (${tieHint(manifest.kind, dep.name, other.name)}).${cachedNote(facts.cachedAt)}`,
    });
  }
  return out;
}

function tieHint(kind: string, name: string, index: string | undefined): string {
  const n = shorten(name, QUOTED_MAX);
  const i = shorten(index ?? 'NAME', QUOTED_MAX);
  return kind === 'Pipfile' ? `${n} = { version = "…", index = "${i}" }` : `uv: [tool.uv.sources] ${n} = { index = "${i}" }; Poetry: source = "${i}"`;
}

export const dependencyConfusionUnpinned: Rule = { id: 'dependency-confusion', check };
