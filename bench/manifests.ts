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
