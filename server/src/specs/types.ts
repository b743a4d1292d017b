/**
 * What a version spec means, per ecosystem. One module per ecosystem implements `SpecSemantics`;
 * `index.ts` picks one by `Dependency.ecosystem`. Rules and hovers use only this interface.
 */
import type { Dependency, Ecosystem, TextEdit } from '../model/model';

export interface SpecInfo {
  /** Whether the spec could be understood at all (an unparsable spec is also unpinned). */
  valid: boolean;
  /** True when the spec admits exactly one version. */
  exact: boolean;
  /** The single version an exact spec admits. */
  exactVersion?: string;
  /** What the spec means in plain terms, e.g. `>=1.2.3 <2.0.0`, "any version", "the `latest` tag". */
  meaning: string;
}

export interface SpecSemantics {
  describe(dep: Dependency): SpecInfo;
  /** Whether `version` satisfies the dependency's spec (pre-releases only when the spec asks). */
  satisfies(dep: Dependency, version: string): boolean;
  /** The edit that pins `dep` to exactly `version`, in the exact form of the ecosystem. */
  pinEdit(dep: Dependency, version: string): TextEdit | undefined;
  /** Sorts versions ascending by the ecosystem's precedence; invalid ones are dropped. */
  sortVersions(versions: string[]): string[];
  /** Whether `version` is a pre-release. */
  isPrerelease(version: string): boolean;
}

/**
 * One process's semantics per ecosystem, with their memory of described specs: built by
 * `createSpecServices()` (index.ts) in analysis/services.ts and handed down, never imported.
 */
export type SpecServices = Readonly<Record<Ecosystem, SpecSemantics>>;
