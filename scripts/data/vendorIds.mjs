// Reads scripts/data/nuget-vendor-ids.txt: `@owner NAME`, `@source REPO PATH@COMMIT`, one ID a line.

export function parseVendorIds(text) {
  const ids = [];
  const sources = [];
  let owner = '';
  let source = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    if (line.startsWith('@owner ')) {
      owner = line.slice(7).trim();
    } else if (line.startsWith('@source ')) {
      source = line.slice(8).trim();
      sources.push(source);
    } else {
      if (!owner || !source) throw new Error(`vendor ID ${line} has no @owner or @source before it`);
      ids.push({ id: line, owner, source });
    }
  }
  return { ids, sources };
}
