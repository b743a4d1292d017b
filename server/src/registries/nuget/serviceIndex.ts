/**
 * The NuGet V3 service index: resources are found by `@type`, never by hard-coded URLs. The
 * registration resource that includes SemVer 2.0.0 packages (3.6.0) is preferred.
 */
import { asArray, asObject, field, urlField } from '../json';

export interface ServiceIndex {
  /** Base URL of the registration (package metadata) resource, ending in `/`. */
  registrationsBaseUrl?: string;
}

const REGISTRATION_TYPES = ['RegistrationsBaseUrl/3.6.0', 'RegistrationsBaseUrl/3.4.0', 'RegistrationsBaseUrl/Versioned', 'RegistrationsBaseUrl/3.0.0-rc', 'RegistrationsBaseUrl/3.0.0-beta', 'RegistrationsBaseUrl'];

export function parseServiceIndex(doc: unknown): ServiceIndex | undefined {
  const listed = field(asObject(doc), 'resources');
  if (!Array.isArray(listed)) return undefined;
  const resources = asArray(listed);
  const byType = new Map<string, string>();
  for (const raw of resources) {
    const r = asObject(raw);
    const id = urlField(r, '@id');
    const type = field(r, '@type');
    const types = typeof type === 'string' ? [type] : asArray(type);
    for (const type of types) if (typeof type === 'string' && id && !byType.has(type)) byType.set(type, id);
  }
  const base = REGISTRATION_TYPES.map((t) => byType.get(t)).find((u) => u !== undefined);
  return { registrationsBaseUrl: base && (base.endsWith('/') ? base : `${base}/`) };
}
