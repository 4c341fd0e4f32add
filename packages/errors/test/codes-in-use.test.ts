import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../src/index';

const repo = path.join(__dirname, '..', '..', '..');

/** The TypeScript sources of every package and app (tests and the errors package itself left out). */
function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  for (const group of ['packages', 'apps']) {
    for (const name of fs.readdirSync(path.join(repo, group))) {
      const src = path.join(repo, group, name, 'src');
      if (!(group === 'packages' && name === 'errors') && fs.existsSync(src)) walk(src);
    }
  }
  return files;
}

describe('error codes', () => {
  const code = sources()
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');

  it.each(ERROR_CODES.filter((name) => name !== 'INTERNAL'))('%s is thrown somewhere', (name) => {
    expect(code).toMatch(new RegExp(`new GenieError\\(\\s*'${name}'`));
  });

  it('INTERNAL is what the CLI and the MCP server report for an error without a code', () => {
    expect(fs.readFileSync(path.join(repo, 'apps/cli/src/report-error.ts'), 'utf8')).toContain("'INTERNAL'");
    expect(fs.readFileSync(path.join(repo, 'apps/mcp/src/tools/tool-results.ts'), 'utf8')).toContain('[INTERNAL]');
  });
});
