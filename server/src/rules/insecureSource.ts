/**
 * `insecure-source`: a package fetched over plain HTTP (or with TLS checks off) can be replaced
 * by anyone on the network path — the package manager has nothing to verify it against.
 */
import { QUOTED_MAX, shorten } from '../model/shorten';
import type { RawFinding, Rule, RuleContext } from './types';

/** `http://`, `git+http://`, `git://` (the unauthenticated git protocol), `svn+http://`… */
export function isInsecureUrl(value: string): boolean {
  return /^(?:[a-z]+\+)?http:\/\//i.test(value.trim()) || /^git:\/\//i.test(value.trim());
}

function check(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const dep of ctx.manifest.dependencies) {
    const location = dep.location ?? (dep.source === 'git' || dep.source === 'url' ? dep.spec : undefined);
    if (!location || !isInsecureUrl(location)) continue;
    const span = dep.specSpan && dep.specSpan.end > dep.specSpan.start ? dep.specSpan : dep.nameSpan;
    out.push({ span, package: dep.name, dependency: dep, message: `${shorten(dep.name, QUOTED_MAX)} is fetched over an unencrypted connection (${shorten(location, QUOTED_MAX)}): anyone on the network path can swap the code. Use https://.` });
  }
  for (const source of ctx.manifest.sources) {
    if (source.tlsVerify === false) {
      out.push({ span: source.span, package: source.value, message: `verify_ssl = false turns off TLS certificate checks for ${shorten(source.value, QUOTED_MAX)}, so packages from it are accepted from anyone who can intercept the connection.` });
    } else if (source.kind === 'trusted-host') {
      out.push({ span: source.span, package: source.value, message: `--trusted-host ${shorten(source.value, QUOTED_MAX)} turns off TLS certificate checks for that host, so pip accepts packages from anyone who can intercept the connection.` });
    } else if (isInsecureUrl(source.value)) {
      out.push({ span: source.span, package: source.value, message: `The package source ${shorten(source.value, QUOTED_MAX)} uses plain http://: every package from it can be replaced in transit. Use https://.` });
    }
  }
  return out;
}

export const insecureSource: Rule = { id: 'insecure-source', check };
