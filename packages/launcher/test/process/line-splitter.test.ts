import { LineSplitter } from '../../src/process/line-splitter';

describe('LineSplitter', () => {
  it('joins a line split across chunks and keeps the unfinished tail', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('{"type":"sys'))).toEqual([]);
    expect(splitter.push(Buffer.from('tem"}\nsecond\r\nthi'))).toEqual(['{"type":"system"}', 'second']);
    expect(splitter.push(Buffer.from('rd\n'))).toEqual(['third']);
    expect(splitter.end()).toEqual([]);
  });

  it('never breaks a UTF-8 character split between chunks', () => {
    const bytes = Buffer.from('héllo 🌍\n', 'utf8');
    const splitter = new LineSplitter();
    const lines = [...bytes].flatMap((byte) => splitter.push(Buffer.from([byte])));
    expect(lines).toEqual(['héllo 🌍']);
  });

  it('returns a last line that has no newline when the stream ends', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('a\nno newline'))).toEqual(['a']);
    expect(splitter.end()).toEqual(['no newline']);
  });

  it('keeps empty lines', () => {
    expect(new LineSplitter().push('a\n\nb\n')).toEqual(['a', '', 'b']);
  });
});
