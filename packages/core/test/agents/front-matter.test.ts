import { splitFrontMatter } from '../../src/agents/front-matter';

describe('splitFrontMatter', () => {
  it('splits front matter at the top of the file from the body', () => {
    const split = splitFrontMatter('---\nname: a\n---\n\n# Instructions\nDo it.\n');
    expect(split.yaml).toBe('name: a');
    expect(split.yamlLine).toBe(2);
    expect(split.body).toBe('# Instructions\nDo it.');
  });

  it('finds front matter below a few preamble lines, as predecessor files have them', () => {
    const text = '**Last Updated:** 2025-10-17 10:00 UTC\n\n---\nname: implementor\ngenie:\n  executor: codex\n---\nBody text\n';
    const split = splitFrontMatter(text);
    expect(split.yaml).toBe('name: implementor\ngenie:\n  executor: codex');
    expect(split.yamlLine).toBe(4);
    expect(split.body).toBe('Body text');
  });

  it('treats a file without fences as all body', () => {
    expect(splitFrontMatter('Just instructions.\n')).toEqual({ yaml: null, yamlLine: 0, body: 'Just instructions.' });
  });

  it('does not look for an opening fence beyond the first ten lines', () => {
    const text = `${'line\n'.repeat(12)}---\nname: late\n---\nrest`;
    expect(splitFrontMatter(text).yaml).toBeNull();
  });

  it('treats an opening fence without a closing one as body', () => {
    expect(splitFrontMatter('---\nname: x\nno end').yaml).toBeNull();
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const split = splitFrontMatter('\uFEFF---\r\nname: win\r\n---\r\nBody\r\n');
    expect(split.yaml).toBe('name: win');
    expect(split.body).toBe('Body');
  });

  it('treats --- lines below other lines as horizontal rules unless the block sets front matter keys', () => {
    const text = 'Intro paragraph.\n\n---\n\nSection two: details.\n\n---\nEnd';
    expect(splitFrontMatter(text)).toEqual({ yaml: null, yamlLine: 0, body: text });
  });

  it('keeps front matter below a preamble even when its YAML is broken, so the error is reported', () => {
    const split = splitFrontMatter('**Last Updated:** today\n---\nname: [broken\n---\nBody');
    expect(split.yaml).toBe('name: [broken');
    expect(split.body).toBe('Body');
  });

  it('takes a block opened on the first line as front matter whatever it holds', () => {
    expect(splitFrontMatter('\n---\njust text\n---\nBody').yaml).toBe('just text');
  });
});
