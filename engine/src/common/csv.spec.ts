import { csvCell, toCsv } from './csv';

describe(csvCell.name, () => {
  const sut = csvCell;

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-2+3+cmd|" /C calc"!A0', `"'-2+3+cmd|"" /C calc""!A0"`],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', "'  =1+1"],
  ])('neutralises the formula %j', (cell, written) => {
    expect(sut(cell)).toBe(written);
  });

  it.each([
    ['Île-de-France', 'Île-de-France'],
    ['a, b', '"a, b"'],
    ['a; b', '"a; b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "yes"', '"say ""yes"""'],
    ['', ''],
  ])('writes the text %j as %j', (cell, written) => {
    expect(sut(cell)).toBe(written);
  });

  it('writes numbers, negative ones included, and empty values as they are', () => {
    expect([sut(-3), sut(1.5), sut(null), sut(undefined), sut(true)]).toEqual(['-3', '1.5', '', '', 'true']);
  });
});

describe(toCsv.name, () => {
  it('ends every line with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['=x', 1],
      ]),
    ).toBe("a,b\r\n'=x,1\r\n");
  });
});
