/**
 * `dependency-confusion`, with registry facts: which of pip's indexes serve each requirement.
 * pip merges every `--extra-index-url` with the main index and installs the highest version any
 * of them has. A public index (PyPI) takes anyone's upload; a private one (a requirements file's
 * own simple index) only its owners'. So a requirement is exposed when
 * - private indexes serve it and a public index pip also asks does not (yet): whoever registers
 *   the name there with a higher version is installed instead — Birsan's attack (2021), and
 *   PyTorch's `torchtriton` (2022);
 * - a private index serves releases of it that a public one, serving the name too, lacks: two
 *   packages share the name already.
 * A private index that only mirrors the public one (its releases are all there too) is no
 * exposure, nor is a public package the private index does not carry. The offline half of the
 * rule flags the option itself.
 */
import { hostOf } from '../registries/errors';
import { cachedNote, quoteRegistryText } from './registryFacts';
import type { PackageInfo } from '../registries/types';
import type { RawFinding, Rule, RuleContext } from './types';

/** One index's answer for one requirement. */
interface Answer {
  host: string;
  public: boolean;
  /** Absent when the index does not have the package. */
  package?: PackageInfo;
}

function check(ctx: RuleContext): RawFinding[] {
  const view = ctx.registry;
  if (!view?.onExtraIndexes || ctx.manifest.ecosystem !== 'pypi') return [];
  const out: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const extras = view.onExtraIndexes(dep);
    const main = view.factsFor(dep);
    if (extras.length === 0 || (main?.state !== 'found' && main?.state !== 'not-found')) continue;
    const answers: Answer[] = [
      main.state === 'found' ? { host: main.package.source, public: view.pypiIndexIsPublic === true, package: main.package } : { host: main.source, public: view.pypiIndexIsPublic === true },
      ...extras.map((e) => ({ host: hostOf(e.index), public: e.public, package: e.state === 'found' ? e.package : undefined })),
    ];
    const message = exposure(dep.name, answers);
    if (message) out.push({ span: dep.nameSpan, package: dep.name, dependency: dep, severity: 'error', message: `${message}${cachedNote(main.cachedAt)}` });
  }
  return out;
}

function exposure(name: string, answers: Answer[]): string | undefined {
  const serving = answers.filter((a) => a.package);
  const privateServing = serving.filter((a) => !a.public);
  const publicServing = serving.filter((a) => a.public);
  const publicMissing = answers.filter((a) => a.public && !a.package);
  if (privateServing.length === 0) return undefined;
  if (publicServing.length === 0 && publicMissing.length > 0) {
    const open = publicMissing[0].host;
    return `${name} is served by ${hosts(privateServing)} only, and pip also asks ${open}, which does not have it, and installs the highest version either has: whoever registers ${name} on ${open} with a higher version gets installed instead. Reserve the name on ${open}, or install through a single --index-url that serves both.`;
  }
  for (const own of privateServing) {
    const theirs = publicServing.length > 0 ? publicServing : serving.filter((a) => a !== own);
    if (theirs.length === 0) continue;
    const missing = releasesMissingFrom(own.package as PackageInfo, theirs);
    if (missing.length === 0) continue; // a mirror of the others
    return `${name} is on both ${hosts(theirs)} and ${own.host}, with releases of its own on ${own.host} (${listed(missing)}): two packages share the name, and pip installs the highest version from any index. Install it through a single --index-url, or pin it with --hash.`;
  }
  return undefined;
}

/** Releases of `here` that none of the other indexes lists (compared as written, case aside). */
function releasesMissingFrom(here: PackageInfo, others: Answer[]): string[] {
  const there = new Set(others.flatMap((a) => a.package?.versions.map((v) => v.version.trim().toLowerCase()) ?? []));
  return here.versions.map((v) => v.version).filter((v) => !there.has(v.trim().toLowerCase()));
}

function hosts(answers: Answer[]): string {
  return answers.map((a) => quoteRegistryText(a.host, 100)).join(' and ');
}

/** A few of the versions, as registry text: sanitised and capped. */
function listed(versions: string[]): string {
  const shown = versions.slice(0, 3).map((v) => quoteRegistryText(v, 40)).join(', ');
  return versions.length > 3 ? `${shown} and ${versions.length - 3} more` : shown;
}

export const dependencyConfusionIndexes: Rule = { id: 'dependency-confusion', check };
