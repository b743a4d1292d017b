/**
 * `dependency-confusion`: when a package manager merges several indexes and picks the highest
 * version among them, anyone can publish a private package's name on the public index with a
 * higher version and have it installed (Birsan, 2021). pip's --extra-index-url does exactly that;
 * NuGet does it for several restore sources unless package source mapping is configured.
 */
import { QUOTED_MAX, shorten } from '../model/shorten';
import type { RawFinding, Rule, RuleContext } from './types';

/** Sources a message names; a hostile project can list thousands, one finding each. */
const LISTED_SOURCES = 3;

function check(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const source of ctx.manifest.sources) {
    // pyproject.toml and Pipfile sources carry the reason in the words of the tool that reads them.
    if (source.shadowing !== undefined) {
      out.push({ span: source.span, package: source.value, message: source.shadowing });
    } else if (source.kind === 'extra-index-url') {
      out.push({
        span: source.span,
        package: source.value,
        message: `--extra-index-url ${shorten(source.value, QUOTED_MAX)} is merged with the main index and pip installs the highest version found on either: a public package with the same name as a private one wins. Use a single --index-url that proxies both, or pin with --hash.`,
      });
    }
  }
  const restore = ctx.manifest.sources.filter((s) => s.kind === 'restore-source' || s.kind === 'restore-additional-source');
  if (restore.length > 1) {
    const listed = restore.slice(0, LISTED_SOURCES).map((s) => shorten(s.value, QUOTED_MAX)).join(', ');
    const more = restore.length > LISTED_SOURCES ? ` and ${restore.length - LISTED_SOURCES} more` : '';
    for (const source of restore.slice(1)) {
      out.push({
        span: source.span,
        package: source.value,
        message: `This project restores from ${restore.length} package sources (${listed}${more}). NuGet takes a package from whichever source answers, so a public package can shadow a private one; map packages to sources with <packageSourceMapping> in NuGet.config.`,
      });
    }
  }
  return out;
}

export const dependencyConfusion: Rule = { id: 'dependency-confusion', check };
