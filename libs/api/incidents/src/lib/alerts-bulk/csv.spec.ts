import { csvCell, csvLine } from './csv';

describe('csv', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=cmd|\' /C calc\'!A0')).toBe('\'=cmd|\' /C calc\'!A0');
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes per RFC 4180 only where needed, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1,"x")')).toBe('"\'=SUM(A1,""x"")"');
  });

  it('writes empty cells for null, ISO times for dates, and CRLF line ends', () => {
    expect(csvLine([1, null, undefined, false, new Date('2024-01-02T03:04:05.678Z')])).toBe('1,,,false,2024-01-02T03:04:05.678Z\r\n');
  });
});
