/** Package names in each ecosystem's normal form: the form in which two names are the same package. */
import type { Ecosystem } from './model';

export function normalizeName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
      return name.trim().toLowerCase().replace(/[-_.]+/g, '-'); // PEP 503
    case 'nuget':
      return name.trim().toLowerCase(); // NuGet IDs are case-insensitive
    case 'npm':
      return name.trim().toLowerCase(); // npm forbids new uppercase names; legacy ones resolve case-insensitively here
  }
}

/** The public page of a package on its registry's website. */
export function registryPageUrl(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'npm':
      return `https://www.npmjs.com/package/${name.split('/').map(encodeURIComponent).join('/')}`;
    case 'pypi':
      return `https://pypi.org/project/${encodeURIComponent(normalizeName('pypi', name))}/`;
    case 'nuget':
      return `https://www.nuget.org/packages/${encodeURIComponent(name)}`;
  }
}
