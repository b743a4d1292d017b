/** Generated manifests of a given size for the benchmarks; a non-zero `salt` makes every name and spec new. */
const tag = (salt: number) => (salt ? `-s${salt}` : '');
export function packageJsonWith(deps: number, salt = 0): string {
  const lines = Array.from({ length: deps }, (_, i) => `    "pkg-${i}${tag(salt)}": "${['^', '~', '', '>='][i % 4]}${1 + (i % 7)}.${i}.${salt}"`);
  return `{\n  "name": "bench",\n  "dependencies": {\n${lines.join(',\n')}\n  },\n  "scripts": { "postinstall": "node setup.js" }\n}\n`;
}

export function requirementsWith(lines: number, salt = 0): string {
  const ops = ['==', '>=', '~=', '<'];
  return `--index-url https://pypi.org/simple\n${Array.from({ length: lines - 1 }, (_, i) => `pkg-${i}${tag(salt)}[extra]${ops[i % 4]}1.${i}.${salt} ; python_version >= "3.8"`).join('\n')}\n`;
}

export function csprojWith(refs: number, salt = 0): string {
  const items = Array.from({ length: refs }, (_, i) => `    <PackageReference Include="Acme.Package${i}${tag(salt)}" Version="${i % 3 === 0 ? `1.${i}.*` : `1.${i}.${salt}`}" />`);
  return `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n  <ItemGroup>\n${items.join('\n')}\n  </ItemGroup>\n</Project>\n`;
}

/** A pyproject.toml: half PEP 621 strings, half Poetry entries (a third of them tables). */
export function pyprojectWith(deps: number, salt = 0): string {
  const half = Math.floor(deps / 2);
  const pep = Array.from({ length: half }, (_, i) => `  "pkg-${i}${tag(salt)}[extra]>=1.${i}.${salt} ; python_version >= '3.9'",`);
  const poetry = Array.from({ length: deps - half }, (_, i) => (i % 3 === 0 ? `lib-${i}${tag(salt)} = { version = "^1.${i}.${salt}", extras = ["x"] }` : `lib-${i}${tag(salt)} = "~1.${i}.${salt}"`));
  return `[project]\nname = "bench"\ndependencies = [\n${pep.join('\n')}\n]\n\n[tool.poetry.dependencies]\npython = "^3.10"\n${poetry.join('\n')}\n`;
}

/** A Pipfile: version strings, with a table every tenth entry. */
export function pipfileWith(deps: number, salt = 0): string {
  const lines = Array.from({ length: deps }, (_, i) => (i % 10 === 0 ? `pkg-${i}${tag(salt)} = { version = ">=1.${i}.${salt}", extras = ["x"] }` : `pkg-${i}${tag(salt)} = "==1.${i}.${salt}"`));
  return `[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\n${lines.join('\n')}\n`;
}
